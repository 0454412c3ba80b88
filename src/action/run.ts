import { writeSync } from 'node:fs';
import { issueCommand } from './commands.js';
import { describeError } from './errors.js';

/**
 * The one catch at the top of every action: whatever escapes `body` becomes a
 * single `::error::<action>: <message>` line and exit code 1.
 */
export async function run(action: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    issueCommand('error', `${action}: ${describeError(error)}`);
    if (process.env.RUNNER_DEBUG === '1' && error instanceof Error && error.stack) {
      writeSync(1, `::debug::${error.stack.replace(/\n/g, '%0A')}\n`);
    }
    process.exitCode = 1;
  }
}
