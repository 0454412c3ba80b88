/** How library code speaks to the job log; the door passes the runner's, tests pass their own. */
export interface Logger {
  info(message: string): void;
  warning(message: string, file?: string): void;
  error(message: string, file?: string): void;
  group<T>(name: string, body: () => Promise<T>): Promise<T>;
}

/** For library code run outside an action (tests, benchmarks, the local run). */
export const silentLogger: Logger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  group: (_name, body) => body(),
};
