import { spawn } from 'node:child_process';
import { trackChild } from '../action/children.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * How kubectl is run: always an argument array, never a shell line. The
 * library receives one, so tests run the real kubectl against a simulated
 * server and the action runs it on the runner.
 */
export interface KubectlRunner {
  run(args: string[], options?: { input?: string }): Promise<KubectlResult>;
  /** Hands stdout to `onStdout` as it arrives until kubectl exits or `signal` ends it; the result's stdout is empty. */
  stream(args: string[], onStdout: (chunk: string) => void, signal: AbortSignal): Promise<KubectlResult>;
}

export function spawnKubectl(binary = 'kubectl', env: NodeJS.ProcessEnv = process.env): KubectlRunner {
  // Registered, so that the run wrapper ends those still running when the step ends or is cancelled.
  const start = (args: string[], stdin: boolean, signal?: AbortSignal) =>
    trackChild(spawn(binary, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGTERM' }));
  const finish = (child: ReturnType<typeof start>, out: Buffer[] | undefined) =>
    new Promise<KubectlResult>((resolve, reject) => {
      const err: Buffer[] = [];
      child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
      if (out) child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.name === 'AbortError') return;
        reject(error.code === 'ENOENT' ? new MissingKubectlError(binary) : error);
      });
      child.on('close', (code, signal) =>
        resolve({
          code: code ?? (signal ? 128 : 1),
          stdout: out ? Buffer.concat(out).toString('utf8') : '',
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
    });
  return {
    run(args, { input } = {}) {
      const child = start(args, input !== undefined);
      const done = finish(child, []);
      // kubectl may exit before reading all of its input; its exit code tells what happened.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input);
      return done;
    },
    stream(args, onStdout, signal) {
      const child = start(args, false, signal);
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', onStdout);
      return finish(child, undefined);
    },
  };
}

/** The runner has no kubectl: say so, and how to get one, rather than `spawn kubectl ENOENT`. */
export class MissingKubectlError extends Error {
  constructor(binary: string) {
    super(
      `${binary} is not installed on this runner (not found on PATH): GitHub's ubuntu runners have it; elsewhere add a step such as azure/setup-kubectl, or install the Google Cloud SDK's kubectl`,
    );
    this.name = 'MissingKubectlError';
  }
}

export class KubectlError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    readonly code: number,
  ) {
    super(
      `kubectl ${args
        .filter((arg) => !arg.startsWith('-'))
        .slice(0, 2)
        .join(' ')} failed (exit ${code}): ${lastLines(stderr, 6) || 'no message'}`,
    );
    this.name = 'KubectlError';
  }
}

export function lastLines(text: string, count: number): string {
  return text
    .trim()
    .split('\n')
    .filter((line) => line.trim())
    .slice(-count)
    .join(' | ');
}

/** kubectl's words for "there is no cluster at the other end", as opposed to a cluster that said no. */
export function isUnreachable(stderr: string): boolean {
  return /Unable to connect to the server|connection to the server .* was refused|connection refused|no such host|i\/o timeout|dial tcp|no configuration has been provided|invalid configuration|context was not found|context "[^"]*" does not exist|couldn't get current server API group list/i.test(
    stderr,
  );
}

/** `-n NAMESPACE`, or nothing for cluster-scoped objects and kubectl's context namespace (''). */
export const namespaceArgs = (namespace: string): string[] => (namespace ? ['-n', namespace] : []);

export interface KubectlOptions {
  kubeconfig?: string;
  context?: string;
}

/** kubectl with the cluster chosen once: every call carries the kubeconfig and context flags. */
export class Kubectl {
  private readonly globals: string[];

  constructor(
    readonly runner: KubectlRunner,
    options: KubectlOptions = {},
  ) {
    this.globals = [
      ...(options.kubeconfig ? ['--kubeconfig', options.kubeconfig] : []),
      ...(options.context ? ['--context', options.context] : []),
    ];
  }

  tryRun(args: string[], options: { input?: string } = {}): Promise<KubectlResult> {
    return this.runner.run([...this.globals, ...args], options);
  }

  /** Runs kubectl; a non-zero exit throws a KubectlError carrying kubectl's own message. */
  async run(args: string[], options: { input?: string } = {}): Promise<string> {
    const result = await this.tryRun(args, options);
    if (result.code !== 0) throw new KubectlError(args, result.stderr, result.code);
    return result.stdout;
  }

  async json<T>(args: string[]): Promise<T> {
    return JSON.parse(await this.run([...args, '-o', 'json'])) as T;
  }

  stream(args: string[], onStdout: (chunk: string) => void, signal: AbortSignal): Promise<KubectlResult> {
    return this.runner.stream([...this.globals, ...args], onStdout, signal);
  }
}
