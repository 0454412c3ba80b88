import * as core from '@actions/core';
import type { Logger } from '../action/logger.js';
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
