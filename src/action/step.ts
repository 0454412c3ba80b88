/**
 * What every action's use case hands its door, which reports it one way
 * (door/report.ts `finish`): outputs first, then a line for the log, the job
 * summary, and last the failure, so that a failed step still reports what it
 * did.
 */
export interface StepResult {
  outputs: Record<string, string | number | boolean>;
  /** The job summary's Markdown; '' for none. */
  summary: string;
  /** A line for the log: what the step did, or a warning it ended with. */
  notice?: { message: string; warning?: boolean };
  /** What fails the step: a message, or the error its work threw. */
  failure?: unknown;
}
