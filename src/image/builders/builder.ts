import { spawn } from 'node:child_process';
import type { Logger } from '../../action/logger.js';
import { describeTries, withRetry, type RetryDeps, type RetryPolicy } from '../../http/retry.js';

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

/**
 * How a push by the builder is retried when the registry fails for a moment:
 * the same policy as the registry client's calls, with waits long enough for
 * a registry restarting behind its load balancer.
 */
export const PUSH_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2000, maxDelayMs: 15_000 };

/**
 * The words of containers/image (buildah) and BuildKit (docker) for a push
 * that met a registry's passing trouble: a transient HTTP status, or a
 * connection reset, dropped or timed out. A refusal (401, 403, 404, a bad
 * manifest) is none of these, and fails at once.
 */
const TRANSIENT_PUSH =
  /(?:unexpected (?:HTTP )?status(?: code)?:? ?(?:408|425|429|500|502|503|504)\b)|(?:\b(?:408|425|429|500|502|503|504) (?:Request Timeout|Too Early|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)\b)|connection reset by peer|broken pipe|unexpected EOF|: EOF\b|i\/o timeout|TLS handshake timeout|server sent GOAWAY|connection refused|http2: client connection lost/i;

/** The line of a failed push's output that shows the registry's passing trouble, if one does. */
export function transientPushFailure(tail: readonly string[]): string | undefined {
  return [...tail].reverse().find((line) => TRANSIENT_PUSH.test(line));
}

/**
 * Runs a builder's push (or its build that pushes) until it succeeds, fails
 * for another reason than the registry's passing trouble, or the tries run
 * out; then returns the last result, with a note of the tries in its output
 * when more than one was made.
 */
export async function pushWithRetry(
  what: string,
  push: () => Promise<ToolResult>,
  logger: Logger,
  deps: RetryDeps = {},
  /** For a build that pushes: the output that shows the push failed, rather than a step of the build. */
  pushFailed: (tail: readonly string[]) => boolean = () => true,
  policy: RetryPolicy = PUSH_RETRY,
): Promise<ToolResult> {
  const settled = await withRetry(push, policy, {
    ...deps,
    judge: (result) => {
      const line = result.code === 0 || !pushFailed(result.tail) ? undefined : transientPushFailure(result.tail);
      return line === undefined ? undefined : { reason: line.trim() };
    },
    judgeError: () => undefined,
    onRetry: ({ attempt, of, delayMs, reason }) =>
      logger.warning(
        `${what}: the registry failed for now (${reason}); retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt} of ${of})`,
      ),
  });
  if (!settled.ok) throw settled.error;
  const result = settled.value;
  if (result.code !== 0 && settled.tries.transient) {
    return { ...result, tail: [...result.tail, `the registry failed ${describeTries(settled.tries)}; gave up`] };
  }
  return result;
}
