import type { Git } from './git.js';

/** One entry of a tree: a file (100644, 100755), a symbolic link (120000) or a submodule (160000). */
export interface TreeEntry {
  path: string;
  mode: string;
  /** The blob (or, for a submodule, commit) it points at. */
  object: string;
}

export const SYMLINK = '120000';
export const REGULAR = '100644';

/**
 * The tree being edited, held in git's index and never checked out: an env
 * repository of thousands of files costs one `read-tree`, and reads and writes
 * go through git's object store, so no path from the user ever reaches the
 * file system and no symbolic link can be followed out of the repository.
 */
export class IndexTree {
  constructor(private readonly git: Git) {}

  /** Loads a commit's tree (or nothing, for a branch's first commit). */
  async reset(commit: string | undefined): Promise<void> {
    await this.git.run(commit ? ['read-tree', commit] : ['read-tree', '--empty']);
  }

  async entries(): Promise<TreeEntry[]> {
    const text = await this.git.run(['ls-files', '--stage', '-z']);
    return text
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const tab = line.indexOf('\t');
        const [mode, object] = line.slice(0, tab).split(' ');
        return { mode, object, path: line.slice(tab + 1) };
      });
  }

  /** Contents of many blobs in one `cat-file --batch`, in the order asked. */
  async read(objects: string[]): Promise<Buffer[]> {
    if (objects.length === 0) return [];
    const out = await this.git.bytes(['cat-file', '--batch'], { input: objects.join('\n') + '\n' });
    const blobs: Buffer[] = [];
    let at = 0;
    for (const object of objects) {
      const headerEnd = out.indexOf(0x0a, at);
      const header = out.subarray(at, headerEnd).toString('utf8');
      const size = Number(header.split(' ')[2]);
      if (!Number.isInteger(size)) throw new Error(`git cat-file could not read ${object}: ${header}`);
      blobs.push(out.subarray(headerEnd + 1, headerEnd + 1 + size));
      at = headerEnd + 1 + size + 1;
    }
    return blobs;
  }

  /** Stores contents as blobs and puts them in the index at their paths. */
  async write(files: { path: string; content: string | Buffer; mode?: string }[]): Promise<void> {
    if (files.length === 0) return;
    const lines: string[] = [];
    for (const file of files) {
      const object = (await this.git.run(['hash-object', '-w', '--stdin'], { input: file.content })).trim();
      lines.push(`${file.mode ?? REGULAR} ${object}\t${file.path}`);
    }
    await this.update(lines);
  }

  /** Sets entries as they are in another tree (mode and object), or removes them. */
  async set(entries: TreeEntry[], removed: string[] = []): Promise<void> {
    await this.update([
      ...removed.map((path) => `0 ${'0'.repeat(40)}\t${path}`),
      ...entries.map((entry) => `${entry.mode} ${entry.object}\t${entry.path}`),
    ]);
  }

  /** Every entry of a commit's tree, recursively. */
  async entriesOf(commit: string): Promise<TreeEntry[]> {
    const text = await this.git.run(['ls-tree', '-r', '-z', '--full-tree', commit]);
    return text
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const tab = line.indexOf('\t');
        const [mode, , object] = line.slice(0, tab).split(' ');
        return { mode, object, path: line.slice(tab + 1) };
      });
  }

  /** Writes the index as a tree object and returns its id. */
  async writeTree(): Promise<string> {
    return (await this.git.run(['write-tree'])).trim();
  }

  private async update(lines: string[]): Promise<void> {
    if (lines.length) await this.git.run(['update-index', '--add', '--remove', '-z', '--index-info'], { input: lines.join('\0') + '\0' });
  }
}
