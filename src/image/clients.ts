import type { Logger } from '../action/logger.js';
import { storedCredentials, type Credentials } from './credentials.js';
import { Registry, usesPlainHttp, type Fetch } from './registry.js';

export interface RegistryClientOptions {
  /** Where stored credentials are read from (REGISTRY_AUTH_FILE, DOCKER_CONFIG, HOME). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Registries spoken to in plain HTTP, beyond loopback ones. */
  insecureRegistries?: readonly string[];
  fetch?: Fetch;
  /** Credentials given as inputs for one host, used there instead of what the runner stores (and nowhere else). */
  given?: Credentials & { host: string };
}

/**
 * One registry client per host, made when first asked for, with the
 * credentials given for that host or else those the runner stores for it: a
 * token a registry grants is then reused for every image on it.
 */
export function registryClients(options: RegistryClientOptions): (host: string) => Registry {
  const clients = new Map<string, Registry>();
  return (host) => {
    let registry = clients.get(host);
    if (!registry) {
      registry = new Registry(host, {
        plainHttp: usesPlainHttp(host, options.insecureRegistries),
        credentials: async () => {
          const { given } = options;
          return given?.host === host
            ? { username: given.username, password: given.password }
            : storedCredentials(host, { env: options.env });
        },
        fetch: options.fetch,
        logger: options.logger,
      });
      clients.set(host, registry);
    }
    return registry;
  };
}
