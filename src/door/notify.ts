import { writeSync } from 'node:fs';
import { readRunContext } from '../action/context.js';
import { describeError } from '../action/errors.js';
import { Inputs, type Env } from '../action/inputs.js';
import type { NotifyConfig } from '../notify/config.js';
import { deliveriesSummary, notify } from '../notify/notify.js';
import { stepEvents } from '../notify/step.js';
import { issueCommand } from './commands.js';
import { recordedOutputs } from './step-outputs.js';

/**
 * Publishes the finished step's event(s) with the outputs it set, and adds
 * who was told what to the job summary. Whatever goes wrong here is a
 * warning: the step's result is already decided.
 */
export async function notifyStep(action: string, config: NotifyConfig, outcome: { error?: string }, env: Env = process.env): Promise<void> {
  const logger = {
    info: (message: string) => void writeSync(1, `${message}\n`),
    warning: (message: string) => issueCommand('warning', message),
  };
  try {
    const inputs = new Inputs(env);
    const events = stepEvents(
      {
        action,
        status: outcome.error === undefined ? 'success' : 'failure',
        outputs: recordedOutputs(),
        error: outcome.error,
        input: (name) => inputs.raw(name),
      },
      readRunContext(env),
    );
    const deliveries = await notify(events, config, { logger });
    const { writeSummary } = await import('./report.js');
    await writeSummary(deliveriesSummary(deliveries));
  } catch (error) {
    logger.warning(`notify: ${describeError(error)}`);
  }
}
