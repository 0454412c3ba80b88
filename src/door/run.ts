import { writeSync } from 'node:fs';
import { endChildren } from '../action/children.js';
import { describeError } from '../action/errors.js';
import { Inputs, type Env } from '../action/inputs.js';
import { readNotifyConfig, webhookEntries } from '../notify/config.js';
import { issueCommand, maskSecrets } from './commands.js';

/**
 * The one catch at the top of every action: whatever escapes `body` becomes a
 * single `::error::<action>: <message>` line and exit code 1. The step's
 * notification (the `notify-*` inputs every action has) is read before the
 * body runs, so a bad one stops the step before it does anything, and sent
 * after it, whatever its result.
 */
export async function run(action: string, body: () => Promise<void>, env: Env = process.env): Promise<void> {
  const stopWatching = onCancel(action);
  try {
    await runSteps(action, body, env);
  } finally {
    stopWatching();
    // Whatever the outcome, no kubectl, git or builder the step started runs on after it.
    await endChildren();
  }
}

async function runSteps(action: string, body: () => Promise<void>, env: Env): Promise<void> {
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

const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * The runner cancels a step by signalling node (SIGINT, then SIGTERM a few
 * seconds later). Node's default would exit at once and leave the step's
 * child processes running; here they are ended first, and the step fails
 * saying it was cancelled. An action that listens for the signal itself
 * (verify deletes what it created in the cluster) is left to wind down, its
 * children ended when it returns; a second signal ends everything at once.
 */
function onCancel(action: string): () => void {
  let deferred = false;
  let ending = false;
  const handler = (signal: NodeJS.Signals) => {
    const code = signal === 'SIGINT' ? 130 : 143;
    if (!deferred && !ending && process.listenerCount(signal) > 1) {
      deferred = true;
      return;
    }
    const first = !ending;
    ending = true;
    if (first) issueCommand('error', `${action}: cancelled (${signal}); its child processes were ended`);
    process.exitCode = code;
    void endChildren({ graceMs: first ? 1000 : 0 }).finally(() => process.exit(code));
  };
  for (const signal of CANCEL_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of CANCEL_SIGNALS) process.off(signal, handler);
  };
}

function fail(action: string, error: unknown): void {
  issueCommand('error', `${action}: ${describeError(error)}`);
  if (process.env.RUNNER_DEBUG === '1' && error instanceof Error && error.stack) {
    writeSync(1, `::debug::${error.stack.replace(/\n/g, '%0A')}\n`);
  }
  process.exitCode = 1;
}
