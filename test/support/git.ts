import { spawn } from 'node:child_process';
import { join } from 'node:path';

export { tempDir } from './temp.js';

/**
 * The environment every test git command runs in: no system or user config
 * (a developer's commit.gpgsign or credential helper must not change a
 * result), no prompt that could hang a test, and C messages to match on.
 */
export function makeGitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Set when the tests run from a git hook; they would point every command at the wrong repository.
  const repositoryVariables = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR'];
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !repositoryVariables.includes(name)));
  return {
    ...inherited,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'true',
    LC_ALL: 'C',
    ...extra,
  };
}

/** Who made the seed commits; fixed so that seeded repositories have the same SHAs on every run. */
export const SEED_IDENTITY = { name: 'Seed Author', email: 'seed@example.com' };
const SEED_EPOCH = Date.UTC(2026, 10, 1) / 1000;

interface Completed {
  stdout: Buffer;
  stderr: string;
  code: number;
}

function spawnGit(cwd: string, args: string[], env: Record<string, string> | undefined, input?: string | Buffer): Promise<Completed> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: makeGitEnv(env), stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 1 }));
    child.stdin?.end(input);
  });
}

async function gitBytes(cwd: string, args: string[], env?: Record<string, string>, input?: string | Buffer): Promise<Buffer> {
  const result = await spawnGit(cwd, args, env, input);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} (in ${cwd}) exited ${result.code}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Runs git; resolves with its trimmed stdout, rejects with its stderr. */
export async function git(cwd: string, args: string[], env?: Record<string, string>): Promise<string> {
  return (await gitBytes(cwd, args, env)).toString('utf8').trim();
}

export interface SeedCommit {
  /** Default 'main'. */
  branch?: string;
  /** Path → content, added to or replacing what the parent commit has. */
  files?: Record<string, string>;
  message?: string;
}

/**
 * Creates `parent/name.git`, bare, and commits each seed in order: onto its
 * branch's tip when the branch exists, otherwise onto the previous seed's
 * commit (a new branch from there), otherwise as a root commit. HEAD names
 * the first seeded branch, as a hosting service makes the first pushed branch
 * the default one. Returns the bare repository's path.
 */
export async function makeBareRepo(parent: string, name: string, seed: SeedCommit[] = []): Promise<string> {
  const bare = join(parent, `${name}.git`);
  await git(parent, ['init', '-q', '--bare', '-b', seed[0]?.branch ?? 'main', bare]);
  if (seed.length) await gitBytes(bare, ['fast-import', '--quiet', '--done'], undefined, fastImportStream(seed));
  return bare;
}

/** All seed commits as one fast-import stream: one git process however many commits. */
function fastImportStream(seed: SeedCommit[]): Buffer {
  const chunks: Buffer[] = [];
  const write = (text: string | Buffer) => chunks.push(Buffer.isBuffer(text) ? text : Buffer.from(text));
  const data = (text: string) => {
    const bytes = Buffer.from(text);
    write(`data ${bytes.length}\n`);
    write(bytes);
    write('\n');
  };
  const tips = new Map<string, number>();
  const who = `${SEED_IDENTITY.name} <${SEED_IDENTITY.email}>`;
  seed.forEach((commit, index) => {
    const branch = commit.branch ?? 'main';
    const files = commit.files ?? {};
    const mark = index + 1;
    const from = tips.get(branch) ?? (index > 0 ? index : undefined);
    const when = `${SEED_EPOCH + index * 60} +0000`;
    write(`commit refs/heads/${branch}\nmark :${mark}\nauthor ${who} ${when}\ncommitter ${who} ${when}\n`);
    const message = commit.message ?? `Update ${Object.keys(files).join(', ') || branch}`;
    data(message.endsWith('\n') ? message : `${message}\n`);
    if (from !== undefined) write(`from :${from}\n`);
    for (const [path, text] of Object.entries(files)) {
      write(`M 100644 inline ${path}\n`);
      data(text);
    }
    write('\n');
    tips.set(branch, mark);
  });
  write('done\n');
  return Buffer.concat(chunks);
}

/** The commit a branch points at, or undefined when there is no such branch. */
export async function tipOf(bare: string, branch: string): Promise<string | undefined> {
  const result = await spawnGit(bare, ['rev-parse', '--verify', '-q', `refs/heads/${branch}^{commit}`], undefined);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/** A file's exact content at a revision (untrimmed, unlike `git`). */
export async function fileAt(bare: string, rev: string, path: string): Promise<string> {
  return (await gitBytes(bare, ['cat-file', 'blob', `${rev}:${path}`])).toString('utf8');
}

/** Commit subjects of a branch, newest first. */
export async function logOf(bare: string, branch: string): Promise<string[]> {
  const text = await git(bare, ['log', '--format=%s', `refs/heads/${branch}`, '--']);
  return text ? text.split('\n') : [];
}
