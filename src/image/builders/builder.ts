import { spawn } from 'node:child_process';

/** What a builder is asked to make. Paths are absolute; files it needs (secrets, auth) are already written. */
export interface BuildSpec {
  context: string;
  file: string;
  platforms: string[];
  buildArgs: [string, string][];
  labels: [string, string][];
  target: string;
  /** Build secrets as files, exposed to `RUN --mount=type=secret,id=…`. */
  secrets: { id: string; file: string }[];
  cacheFrom: string[];
  cacheTo: string[];
  /** Names the image keeps locally when it is not pushed. */
  tags: string[];
  /**
   * Where to push. The builder pushes under `tag` at most (docker pushes by
   * digest alone); every other tag is set afterwards through the registry,
   * once the image is complete there.
   */
  push?: { repository: string; tag: string; plainHttp: boolean };
  /** A private docker-style auth file holding the credentials for the push registry, when there are any. */
  authFile?: string;
  /** A folder for the builder's own scratch files, removed afterwards. */
  workdir: string;
}

export interface Built {
  /** The manifest digest the builder says it pushed; the registry's own answer is what the action reports. */
  digest?: string;
}

export type BuilderName = 'docker' | 'buildah';

export interface Builder {
  readonly name: BuilderName;
  build(spec: BuildSpec): Promise<Built>;
}

export const TAIL_LINES = 30;

/** A build that failed; `tail` is the end of its output, which is where the cause usually is. */
export class BuildError extends Error {
  constructor(
    readonly builder: string,
    readonly code: number,
    readonly tail: string[],
  ) {
    super(`${builder} failed (exit ${code}); its last ${tail.length} lines:\n${tail.join('\n')}`);
    this.name = 'BuildError';
  }
}

export interface ToolResult {
  code: number;
  stdout: string;
  /** The last lines of stdout and stderr, interleaved as they came. */
  tail: string[];
}

export interface ToolOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Each line of output as it comes, for the job log. */
  onLine?: (line: string) => void;
  timeoutMs?: number;
}

/** Runs a program with an argument array, never through a shell. */
export type ToolRunner = (command: string, args: string[], options?: ToolOptions) => Promise<ToolResult>;

export const runTool: ToolRunner = (command, args, { cwd, env, input, onLine, timeoutMs } = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    const tail: string[] = [];
    const stdout: Buffer[] = [];
    const lineReader = () => {
      let partial = '';
      return {
        push(chunk: string) {
          const lines = (partial + chunk).split(/\r?\n/);
          partial = lines.pop() ?? '';
          for (const line of lines) keep(line);
        },
        flush() {
          if (partial) keep(partial);
          partial = '';
        },
      };
    };
    const keep = (line: string) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      onLine?.(line);
    };
    const out = lineReader();
    const err = lineReader();
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      out.push(chunk.toString('utf8'));
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${command} is not installed (not found on PATH)`) : error),
    );
    child.on('close', (code, signal) => {
      out.flush();
      err.flush();
      if (signal) keep(`${command} was stopped by ${signal}`);
      resolve({ code: code ?? 1, stdout: Buffer.concat(stdout).toString('utf8'), tail });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });

/** `type=registry,ref=X` or a bare `X` as a repository; other cache types belong to buildx alone. */
export function registryCacheRef(entry: string): string | undefined {
  if (!entry.includes('=')) return entry;
  const fields = new Map(entry.split(',').map((field) => [field.slice(0, field.indexOf('=')), field.slice(field.indexOf('=') + 1)]));
  return fields.get('type') === 'registry' ? fields.get('ref') : undefined;
}
