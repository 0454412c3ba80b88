import * as core from '@actions/core';
import type { Logger } from '../action/logger.js';
import type { StepResult } from '../action/step.js';
import { recordOutput } from './step-outputs.js';

/**
 * The door's way out: outputs, annotations and the job summary. Loaded only
 * after the inputs parsed, so a rejected input never pays for @actions/core.
 */
export function setOutputs(outputs: Record<string, string | number | boolean>): void {
  for (const [name, value] of Object.entries(outputs)) {
    core.setOutput(name, String(value));
    recordOutput(name, String(value));
  }
}

export async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner there is no summary file; the log already has the content.
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}

export const log: Logger = {
  info: (message: string) => core.info(message),
  warning: (message: string, file?: string) => core.warning(message, file ? { file } : undefined),
  error: (message: string, file?: string) => core.error(message, file ? { file } : undefined),
  group: <T>(name: string, body: () => Promise<T>) => core.group(name, body),
};

/** Reports a use case's result as every door does: outputs, a log line, the job summary, then the failure as the step's error. */
export async function finish({ outputs, summary, notice, failure }: StepResult): Promise<void> {
  setOutputs(outputs);
  if (notice?.warning) log.warning(notice.message);
  else if (notice) log.info(notice.message);
  if (summary) await writeSummary(summary);
  if (failure !== undefined) throw typeof failure === 'string' ? new Error(failure) : failure;
}
