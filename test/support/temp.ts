import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

export async function removeTempDirs(): Promise<void> {
  const dirs = made.splice(0);
  if (process.env.GITOPS_KEEP_TEMP === '1') return;
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 })));
}

// Registered when this module loads, i.e. while Jest collects a test file, so
// every file that makes temp folders also removes them.
if (typeof afterAll === 'function') afterAll(removeTempDirs);
