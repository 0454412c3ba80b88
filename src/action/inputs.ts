import { InputError } from './errors.js';

/**
 * Typed readers over the runner's `INPUT_*` variables. Every reader takes the
 * environment explicitly so the library and its tests never touch
 * `process.env` behind the caller's back.
 */
export type Env = Readonly<Record<string, string | undefined>>;

/** The runner's own rule: spaces become underscores, the name is upper-cased. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export class Inputs {
  constructor(private readonly env: Env = process.env) {}

  /** Trimmed value, or '' when unset. */
  raw(name: string): string {
    return (this.env[inputVariable(name)] ?? '').trim();
  }

  string(name: string, fallback = ''): string {
    return this.raw(name) || fallback;
  }

  required(name: string, expected: string): string {
    const value = this.raw(name);
    if (!value) throw new InputError(name, 'is required', expected);
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name).toLowerCase();
    if (!value) return fallback;
    if (['true', 'yes', '1', 'on'].includes(value)) return true;
    if (['false', 'no', '0', 'off'].includes(value)) return false;
    throw new InputError(name, `'${this.raw(name)}' is not a boolean`, "'true' or 'false'");
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (!value) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InputError(name, `'${value}' is not supported`, `one of ${allowed.join(', ')}`);
  }

  /** Non-empty lines, trimmed; `#` lines are comments. Commas also separate when `commas` is set. */
  lines(name: string, { commas = false } = {}): string[] {
    const text = this.raw(name);
    const parts = text.split(/\r?\n/).flatMap((line) => (commas ? line.split(',') : [line]));
    return parts.map((part) => part.trim()).filter((part) => part && !part.startsWith('#'));
  }

  /** Lines of `KEY=VALUE`; the value may contain '='. */
  keyValues(name: string): Map<string, string> {
    const result = new Map<string, string>();
    for (const line of this.lines(name)) {
      const at = line.indexOf('=');
      const key = at > 0 ? line.slice(0, at).trim() : '';
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
        throw new InputError(
          name,
          `'${line}' is not a KEY=VALUE line`,
          'lines of KEY=VALUE with KEY a letter or _ followed by letters, digits or _',
        );
      }
      result.set(key, line.slice(at + 1).trim());
    }
    return result;
  }
}
