import { writeSync } from 'node:fs';

/**
 * The few workflow commands a door may need before anything heavy is loaded.
 * @actions/core brings its HTTP client with it (about 1 MB), which nearly
 * doubles the start of a run that only rejects a bad input; these lines keep
 * that path light. Escaping follows the runner's rules for command data.
 */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Writes straight to file descriptor 1: setting up `process.stdout` alone costs a run that only rejects an input a tenth of its start. */
const writeLine = (line: string) => void writeSync(1, line);

export function issueCommand(command: 'error' | 'warning' | 'add-mask', message: string, write = writeLine): void {
  write(`::${command}::${escapeData(message)}\n`);
}

/** Registers secrets with the runner so it masks them in every later log line. */
export function maskSecrets(...secrets: (string | undefined)[]): void {
  for (const secret of secrets) if (secret) issueCommand('add-mask', secret);
}
