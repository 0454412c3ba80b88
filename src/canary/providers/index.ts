import type { Logger } from '../../action/logger.js';
import type { CanaryCheckInputs } from '../canary-check-inputs.js';
import { HttpProvider } from './http.js';
import { PrometheusProvider } from './prometheus.js';
import { systemClock, type Clock, type MetricsProvider } from './provider.js';

export interface ProviderCollaborators {
  fetch?: typeof fetch;
  clock?: Clock;
  logger?: Logger;
}

/** The provider the inputs ask for. */
export function createProvider(
  inputs: CanaryCheckInputs,
  { fetch, clock = systemClock, logger }: ProviderCollaborators = {},
): MetricsProvider {
  if (inputs.provider === 'http') {
    const { canaryUrl, baselineUrl, paths, requests, concurrency, requestTimeoutMs: timeoutMs } = inputs;
    return new HttpProvider({ canaryUrl, baselineUrl, paths, requests, concurrency, timeoutMs, fetch, clock, logger });
  }
  const side = (track: string) => ({ track, name: inputs.name, namespace: inputs.namespace });
  return new PrometheusProvider({
    url: inputs.prometheusUrl,
    authorization: inputs.prometheusAuthorization,
    lookbackMs: inputs.lookbackMs,
    stepMs: inputs.stepMs,
    canary: side(inputs.canaryTrack),
    baseline: side(inputs.baselineTrack),
    fetch,
    clock,
    logger,
  });
}
