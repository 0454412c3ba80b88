import type { Logger } from '../../action/logger.js';
import type { CanaryCheckInputs } from '../canary-check-inputs.js';
import { HttpProvider } from './http.js';
import { googleAuthorization, type Authorization } from '../../http/google-auth.js';
import { PrometheusProvider, type PrometheusConnection } from './prometheus.js';
import { systemClock, type Clock, type MetricsProvider } from './provider.js';

export interface ProviderCollaborators {
  fetch?: typeof fetch;
  clock?: Clock;
  logger?: Logger;
}

const MONITORING_READ_SCOPE = 'https://www.googleapis.com/auth/monitoring.read';

/** Cloud Monitoring is queried with the runner's Google credentials unless a token was given. */
function cloudMonitoringCredentials(inputs: CanaryCheckInputs): Pick<PrometheusConnection, 'authorize' | 'credentialsHint'> {
  const project = /\/projects\/([^/]+)\//.exec(inputs.prometheusUrl)?.[1];
  const where = project ? ` on project ${project}` : '';
  return {
    ...(inputs.googleCredentials ? { authorize: lazyGoogleAuthorization(MONITORING_READ_SCOPE, project) } : {}),
    credentialsHint: inputs.googleCredentials
      ? `the runner's Google credentials need the role roles/monitoring.viewer${where}`
      : `check prometheus-token: an access token with the role roles/monitoring.viewer${where}`,
  };
}

/** Made on the first query, so that reading inputs never loads google-auth-library. */
function lazyGoogleAuthorization(scope: string, project?: string): Authorization {
  let made: Promise<Authorization> | undefined;
  return async () => (await (made ??= googleAuthorization(scope, project)))();
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
    ...(inputs.provider === 'google-cloud-monitoring' ? cloudMonitoringCredentials(inputs) : {}),
    lookbackMs: inputs.lookbackMs,
    stepMs: inputs.stepMs,
    canary: side(inputs.canaryTrack),
    baseline: side(inputs.baselineTrack),
    fetch,
    clock,
    logger,
  });
}
