import { InputError } from '../action/errors.js';

/**
 * Renders a manifest template as Cloud Build substitutions do (`${NAME}`,
 * `$NAME`, `$$` for a literal `$`), and also replaces the bare whole words
 * named in `bareWords`, so a template written for `sed "s/WORD/value/g"`
 * renders unmodified. `${NAME}` with no value is an error; `$NAME` with no
 * value is left alone, since shell text in a manifest uses that form too.
 */
export function renderTemplate(text: string, vars: ReadonlyMap<string, string>, bareWords: Iterable<string> = []): string {
  const words = [...bareWords].filter((word) => vars.has(word)).sort((a, b) => b.length - a.length);
  const unknown = new Set<string>();
  const pattern = new RegExp(
    String.raw`\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)` +
      (words.length ? String.raw`|(?<![A-Za-z0-9_])(${words.join('|')})(?![A-Za-z0-9_])` : ''),
    'g',
  );
  const rendered = text.replace(pattern, (whole, braced?: string, plain?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = braced ?? plain ?? bare!;
    const value = vars.get(name);
    if (value !== undefined) return value;
    if (braced) unknown.add(name);
    return whole;
  });
  if (unknown.size) {
    const names = [...unknown].map((name) => '${' + name + '}').join(', ');
    throw new InputError(
      'template',
      `has no value for ${names}`,
      `a KEY=VALUE line for each in 'vars', or one of the built-ins ${[...vars.keys()].join(', ')}`,
    );
  }
  return rendered;
}

/** Cloud Build's built-in substitutions, from the GitHub run that renders the template. */
export function builtinVars(
  context: { sha: string; repository: string; ref: string; refName: string },
  extra: Record<string, string | undefined> = {},
): Map<string, string> {
  const vars = new Map<string, string>();
  const set = (name: string, value: string | undefined) => value && vars.set(name, value);
  set('COMMIT_SHA', context.sha);
  set('SHORT_SHA', context.sha.slice(0, 7));
  set('REPO_NAME', context.repository.split('/').pop());
  set('BRANCH_NAME', context.ref.startsWith('refs/heads/') ? context.refName : undefined);
  set('TAG_NAME', context.ref.startsWith('refs/tags/') ? context.refName : undefined);
  for (const [name, value] of Object.entries(extra)) set(name, value);
  return vars;
}

/** User vars win over built-ins, and may themselves use built-ins: `COMMIT_SHA=${SHORT_SHA}`. */
export function mergeVars(builtins: ReadonlyMap<string, string>, user: ReadonlyMap<string, string>): Map<string, string> {
  const merged = new Map(builtins);
  for (const [name, value] of user) {
    try {
      merged.set(name, renderTemplate(value, builtins));
    } catch (error) {
      throw error instanceof InputError
        ? new InputError('vars', `${name}=${value} ${error.message.replace(/^input 'template': /, '')}`)
        : error;
    }
  }
  return merged;
}
