/** Headers that authorize one request; called before each, so that a token is refreshed when it expires. */
export type Authorization = () => Promise<HeadersInit>;

/**
 * The runner's Google credentials, found the usual way by google-auth-library:
 * GOOGLE_APPLICATION_CREDENTIALS (which google-github-actions/auth sets, for
 * workload identity federation or a key), else the metadata server. The
 * project, when given, spares the library its search for one (environment,
 * gcloud, the metadata server, Cloud Resource Manager).
 */
export async function googleAuthorization(scope: string, projectId?: string): Promise<Authorization> {
  const { GoogleAuth } = await import('google-auth-library');
  const auth = new GoogleAuth({ scopes: [scope], projectId });
  return () => auth.getRequestHeaders();
}
