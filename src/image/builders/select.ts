import { InputError } from '../../action/errors.js';
import type { BuilderName, ToolRunner } from './builder.js';

export type BuilderChoice = BuilderName | 'auto';

const PROBE_TIMEOUT_MS = 20_000;

async function probe(runner: ToolRunner, command: string, args: string[]): Promise<string | undefined> {
  try {
    const result = await runner(command, args, { timeoutMs: PROBE_TIMEOUT_MS });
    return result.code === 0
      ? undefined
      : `\`${command} ${args.join(' ')}\` exited ${result.code}: ${result.tail.slice(-2).join(' ').trim() || 'no message'}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/** `auto`: docker when a daemon and buildx answer, as on GitHub's hosted runners; otherwise buildah, which needs no daemon. */
export async function chooseBuilder(choice: BuilderChoice, runner: ToolRunner): Promise<BuilderName> {
  if (choice !== 'auto') return choice;
  const docker =
    (await probe(runner, 'docker', ['info', '--format', '{{.ServerVersion}}'])) ?? (await probe(runner, 'docker', ['buildx', 'version']));
  if (!docker) return 'docker';
  const buildah = await probe(runner, 'buildah', ['--version']);
  if (!buildah) return 'buildah';
  throw new InputError(
    'builder',
    `'auto' found no builder: docker (a running daemon with buildx): ${docker}; buildah: ${buildah}`,
    "a runner with docker or buildah installed, or 'builder' set to the one it has",
  );
}
