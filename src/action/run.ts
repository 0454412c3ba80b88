import { writeSync } from 'node:fs';
import { readNotifyConfig, webhookEntries } from '../notify/config.js';
import { issueCommand, maskSecrets } from './commands.js';
import { describeError } from './errors.js';
import { Inputs, type Env } from './inputs.js';

/**
 * The one catch at the top of every action: whatever escapes `body` becomes a
 * single `::error::<action>: <message>` line and exit code 1. The step's
 * notification (the `notify-*` inputs every action has) is read before the
 * body runs, so a bad one stops the step before it does anything, and sent
 * after it, whatever its result.
 */
export async function run(action: string, body: () => Promise<void>, env: Env = process.env): Promise<void> {
  let notify;
  try {
    const inputs = new Inputs(env);
    maskSecrets(...webhookEntries(inputs));
    notify = readNotifyConfig(inputs, env);
  } catch (error) {
    fail(action, error);
    return;
  }
  let failure: string | undefined;
  try {
    await body();
  } catch (error) {
    fail(action, error);
    failure = describeError(error);
  }
  if (notify) {
    try {
      const { notifyStep } = await import('./notify.js');
      await notifyStep(action, notify, { error: failure }, env);
    } catch (error) {
      issueCommand('warning', `notify: ${describeError(error)}`);
    }
  }
}

function fail(action: string, error: unknown): void {
  issueCommand('error', `${action}: ${describeError(error)}`);
  if (process.env.RUNNER_DEBUG === '1' && error instanceof Error && error.stack) {
    writeSync(1, `::debug::${error.stack.replace(/\n/g, '%0A')}\n`);
  }
  process.exitCode = 1;
}
