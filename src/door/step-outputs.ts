/**
 * The outputs this step has set, kept in memory as well as written for the
 * runner, so that what happens after the body (the step's notification) can
 * report them. Later values replace earlier ones, as the runner reads them.
 */
const outputs = new Map<string, string>();

export function recordOutput(name: string, value: string): void {
  outputs.delete(name);
  outputs.set(name, value);
}

export function recordedOutputs(): Record<string, string> {
  return Object.fromEntries(outputs);
}
