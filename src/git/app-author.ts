import { readFile } from 'node:fs/promises';
import type { RunContext } from '../action/context.js';
import { Git } from './git.js';
import type { Identity } from './identity.js';

/**
 * Who wrote the app commit being delivered: from the push event when it
 * describes that commit, else from the checked-out workspace. Unknown is fine;
 * the commit is then recorded without a co-author.
 */
export async function appCommitAuthor(context: RunContext): Promise<Identity | undefined> {
  if (context.eventPath) {
    try {
      const event = JSON.parse(await readFile(context.eventPath, 'utf8')) as {
        head_commit?: { id?: string; author?: { name?: string; email?: string } };
      };
      const author = event.head_commit?.author;
      if (event.head_commit?.id === context.sha && author?.name && author.email) return { name: author.name, email: author.email };
    } catch {
      // No readable event: fall through to the workspace.
    }
  }
  if (!context.sha) return undefined;
  const result = await new Git(context.workspace).tryRun(['log', '-1', '--format=%an%x00%ae', context.sha, '--']);
  const [name, email] = result.stdout.trim().split('\0');
  return result.code === 0 && name && email ? { name, email } : undefined;
}
