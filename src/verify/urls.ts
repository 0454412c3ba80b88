import { InputError } from '../action/errors.js';

/** Where a check sends its requests, read once from what the user wrote. */
export interface Target {
  /** The URL fetch is given: no credentials in it. */
  url: string;
  /** `Basic …` from credentials written in the URL, or undefined. */
  authorization?: string;
  /** The URL as the log and the summary show it: credentials left out. */
  shown: string;
  /** The password written in the URL, to be masked; '' when none. */
  secret: string;
}

export const URL_FORM =
  'an http or https URL, a host[:port]/path (http is assumed, as curl does), or a path such as /healthz joined to preview-url';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Reads a URL as people write them: absolute; without a scheme
 * (`web-preview.shop:8080/healthz` is http, as curl takes it); or a path
 * joined to `base` (the preview-url input, such as the preview Service of a
 * blue-green deployment), keeping the base's own path (`http://h/app` and
 * `/healthz` make `http://h/app/healthz`). Credentials written in the URL
 * become Basic authorization, since fetch refuses URLs that carry them.
 * `input` and `item` say where the text came from, for the error.
 */
export function readUrl(text: string, base: string, input: string, item = ''): Target {
  const where = item ? `${item}: ` : '';
  const value = text.trim();
  if (!value) throw new InputError(input, `${where}the URL is empty`, URL_FORM);
  let absolute: string;
  if (SCHEME.test(value)) absolute = value;
  else if (value.startsWith('/')) {
    if (!base) throw new InputError(input, `${where}'${value}' is a path and preview-url is empty`, `a full URL, or preview-url set`);
    absolute = `${base.replace(/\/+$/, '')}/${value.replace(/^\/+/, '')}`;
  } else absolute = `http://${value}`;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    throw new InputError(input, `${where}'${value}' is not a URL`, URL_FORM);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError(input, `${where}'${url.protocol}' URLs are not supported`, URL_FORM);
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return {
    url: url.href,
    authorization: username || password ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` : undefined,
    shown: username ? url.href.replace('://', `://${encodeURIComponent(username)}@`) : url.href,
    secret: password,
  };
}

/** The base URL of preview-url: absolute, or '' when empty. */
export function readBaseUrl(text: string, input = 'preview-url'): string {
  if (!text.trim()) return '';
  if (text.trim().startsWith('/'))
    throw new InputError(input, `'${text.trim()}' is a path`, 'a URL with a host, such as http://web-preview.shop');
  return readUrl(text, '', input).url;
}

/**
 * A hint for a host name that did not resolve (`failure` says so): a
 * Service's name (`web-preview`, `web-preview.shop`, `….svc.cluster.local`)
 * resolves only inside its cluster, which a GitHub-hosted runner is not.
 */
export function resolutionHint(url: string, failure: string): string {
  if (!/ENOTFOUND|EAI_AGAIN/.test(failure)) return '';
  const host = new URL(url).hostname;
  const labels = host.replace(/\.$/, '').split('.');
  const clusterLike =
    /\.svc(\.cluster\.local)?\.?$/.test(host) || (labels.length <= 2 && host !== 'localhost' && !/^[\d.]+$|^\[/.test(host));
  return clusterLike
    ? `; if '${host}' is a cluster Service name, it resolves only on a runner inside the cluster (run the check as a job there, or use an address the runner can reach)`
    : '';
}
