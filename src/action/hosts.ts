/**
 * Inputs that name hosts (registries spoken to in plain HTTP, the registry of
 * an image reference), checked alike in every action: a name that cannot be
 * a host, or a port no socket can have, is refused at the door with the
 * input's name, rather than met later as a connection that never succeeds.
 */
import { InputError } from './errors.js';
import type { Inputs } from './inputs.js';

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+(?:%[A-Za-z0-9._~-]+)?\]$/;

export const HOST_FORM = "host names or IP addresses with an optional port from 1 to 65535, such as 'registry.internal:5000'";

/** What is wrong with `text` as `host[:port]`, or '' when nothing is. */
export function hostProblem(text: string): string {
  const bracketed = /^(\[[^\]]*\])(?::([^:]*))?$/.exec(text);
  const plain = bracketed ? undefined : /^([^:]*)(?::([^:]*))?$/.exec(text);
  const host = bracketed?.[1] ?? plain?.[1];
  const port = bracketed ? bracketed[2] : plain?.[2];
  if (/[/@?#\s]/.test(text)) return 'is not a host (no scheme, user, path or spaces)';
  if (host === undefined) return 'is not a host';
  if (bracketed ? !IPV6.test(host) : !host || host.length > 253 || !host.split('.').every((label) => LABEL.test(label))) {
    return 'is not a host';
  }
  if (port !== undefined) {
    if (!/^\d{1,5}$/.test(port)) return `has port '${port}', not a number`;
    const number = Number(port);
    if (number < 1 || number > 65535) return `has port ${number}, outside 1 to 65535`;
  }
  return '';
}

/** Throws an InputError naming `input` when `text` is not `host[:port]`. */
export function checkHost(text: string, input: string, expected = HOST_FORM): string {
  const problem = hostProblem(text);
  if (problem) throw new InputError(input, `'${text}' ${problem}`, expected);
  return text;
}

/**
 * The `insecure-registry` input of every action that speaks to registries:
 * hosts, one per line or comma-separated; 'false' for none. 'true' stands for
 * `imageRegistry`, the registry of the action's own image, where it has one
 * (build-push); elsewhere it names no host and is refused.
 */
export function readInsecureRegistries(inputs: Inputs, { imageRegistry }: { imageRegistry?: string } = {}): string[] {
  const name = 'insecure-registry';
  const expected = `${HOST_FORM}, one per line or comma-separated${imageRegistry === undefined ? '' : ", or 'true' for the image's registry"}`;
  const value = inputs.string(name).toLowerCase();
  if (value === 'false') return [];
  if (value === 'true') {
    if (imageRegistry === undefined)
      throw new InputError(name, "is 'true', but this action has no image of its own to stand for", expected);
    return imageRegistry ? [imageRegistry] : [];
  }
  return inputs.lines(name, { commas: true }).map((host) => checkHost(host, name, expected));
}
