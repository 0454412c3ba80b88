/**
 * An error the user can fix by changing an input. Its message names the input
 * and the form that was expected, so the job log alone says what to change.
 */
export class InputError extends Error {
  constructor(
    readonly input: string,
    problem: string,
    readonly expected?: string,
  ) {
    super(`input '${input}': ${problem}${expected ? `; expected ${expected}` : ''}`);
    this.name = 'InputError';
  }
}

/** Turns anything thrown into the one-line text shown after `::error::<action>:`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
