import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const made: string[] = [];

/**
 * A fresh folder, removed after the test file's last test. Set
 * GITOPS_KEEP_TEMP=1 to keep them for a post-mortem.
 */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `gitops-${prefix.replace(/[^\w.-]/g, '_')}-`));
  made.push(dir);
  return dir;
}

/** A fresh folder holding `files` (relative path -> text). */
export async function tempDirWith(prefix: string, files: Record<string, string>): Promise<string> {
  const dir = await tempDir(prefix);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  const dirs = made.splice(0);
  if (process.env.GITOPS_KEEP_TEMP === '1') return;
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 })));
}

// Registered when this module loads, i.e. while Jest collects a test file, so
// every file that makes temp folders also removes them.
if (typeof afterAll === 'function') afterAll(removeTempDirs);
