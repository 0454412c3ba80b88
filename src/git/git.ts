import { spawn } from 'node:child_process';

import type { Identity } from './identity.js';
import { ACTIONS_BOT } from './identity.js';

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** How a git command is run; tests and benchmarks may pass their own. Output stays bytes: blobs need not be text. */
export type GitExec = (
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string | Buffer },
) => Promise<{ stdout: Buffer; stderr: string; code: number }>;

export const spawnGit: GitExec = (args, { cwd, env, input }) =>
  new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 1 }));
    // A command that exits without reading all its input is judged by its exit code, not by EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    readonly code: number,
  ) {
    super(`git ${args[0]} failed (exit ${code}): ${stderr.trim().split('\n').slice(-4).join(' | ') || 'no message'}`);
    this.name = 'GitError';
  }
}

/**
 * git in one working directory. The token travels as an HTTP header in
 * GIT_CONFIG_* variables of each command, as actions/checkout's extraheader
 * does, but never written to .git/config and never on a command line that
 * `ps` would show. Everything git prints passes through `redact` first.
 */
export class Git {
  private readonly env: NodeJS.ProcessEnv;
  private readonly secrets: string[];

  constructor(
    readonly dir: string,
    options: { token?: string; exec?: GitExec; committer?: Identity; baseEnv?: NodeJS.ProcessEnv } = {},
  ) {
    this.exec = options.exec ?? spawnGit;
    const committer = options.committer ?? ACTIONS_BOT;
    const header = options.token ? `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}` : '';
    this.secrets = options.token ? [options.token, header.slice('AUTHORIZATION: basic '.length)] : [];
    const config: [string, string][] = [
      ['core.hooksPath', '/dev/null'],
      ['advice.detachedHead', 'false'],
      ['init.defaultBranch', 'main'],
      ['gc.auto', '0'],
      ['maintenance.auto', 'false'],
      ...(header ? ([['http.extraheader', header]] as [string, string][]) : []),
    ];
    this.env = {
      ...(options.baseEnv ?? process.env),
      GIT_TERMINAL_PROMPT: '0',
      GCM_INTERACTIVE: 'never',
      GIT_ASKPASS: 'true',
      SSH_ASKPASS: 'true',
      LC_ALL: 'C',
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_COUNT: String(config.length),
      ...Object.fromEntries(
        config.flatMap(([key, value], i) => [
          [`GIT_CONFIG_KEY_${i}`, key],
          [`GIT_CONFIG_VALUE_${i}`, value],
        ]),
      ),
    };
  }

  private readonly exec: GitExec;

  redact(text: string): string {
    return this.secrets.reduce((result, secret) => result.split(secret).join('***'), text);
  }

  /** Runs git; a non-zero exit throws a GitError whose text holds no secret. */
  async run(args: string[], options: RunOptions = {}): Promise<string> {
    const result = await this.tryRun(args, options);
    if (result.code !== 0) throw new GitError(args, result.stderr, result.code);
    return result.stdout;
  }

  async tryRun(args: string[], options: RunOptions = {}): Promise<GitResult> {
    const result = await this.spawn(args, options);
    return { code: result.code, stdout: this.redact(result.stdout.toString('utf8')), stderr: result.stderr };
  }

  /** Runs git for its raw output, such as blob contents. */
  async bytes(args: string[], options: RunOptions = {}): Promise<Buffer> {
    const result = await this.spawn(args, options);
    if (result.code !== 0) throw new GitError(args, result.stderr, result.code);
    return result.stdout;
  }

  private async spawn(args: string[], { input, env }: RunOptions) {
    const result = await this.exec(args, { cwd: this.dir, env: env ? { ...this.env, ...env } : this.env, input });
    return { ...result, stderr: this.redact(result.stderr) };
  }
}

export interface RunOptions {
  input?: string | Buffer;
  /** Variables for this command only, such as the author of a commit. */
  env?: Record<string, string>;
}
