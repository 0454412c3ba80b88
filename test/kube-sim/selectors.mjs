// Label and field selectors, in both the query-string form and the
// LabelSelector object form that workloads carry.

/**
 * @typedef {{ key: string, op: 'in' | 'notin' | 'exists' | '!', values: string[] }} Requirement
 * @typedef {(labels: Record<string, string>) => boolean} LabelMatcher
 */

export class SelectorError extends Error {}

/** @param {Requirement[]} requirements @returns {LabelMatcher} */
function matcher(requirements) {
  return (labels) =>
    requirements.every(({ key, op, values }) => {
      const has = Object.prototype.hasOwnProperty.call(labels, key);
      switch (op) {
        case 'in':
          return has && values.includes(labels[key]);
        case 'notin':
          return !has || !values.includes(labels[key]);
        case 'exists':
          return has;
        case '!':
          return !has;
      }
    });
}

/** Splits on commas that are not inside a `(a,b)` value set. @param {string} text */
function splitTerms(text) {
  const terms = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms.map((t) => t.trim()).filter(Boolean);
}

/**
 * Parses `app=web,tier!=db,env in (a,b),!legacy,release`.
 * @param {string | undefined | null} text
 * @returns {LabelMatcher}
 */
export function parseLabelSelector(text) {
  if (!text) return () => true;
  /** @type {Requirement[]} */
  const requirements = [];
  for (const term of splitTerms(text)) {
    let m;
    if ((m = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term))) {
      const values = m[3].split(',').map((v) => v.trim());
      requirements.push({ key: m[1], op: /** @type {'in'|'notin'} */ (m[2]), values });
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term))) {
      requirements.push({ key: m[1], op: m[2] === '!=' ? 'notin' : 'in', values: [m[3]] });
    } else if ((m = /^!\s*([\w./-]+)$/.exec(term))) {
      requirements.push({ key: m[1], op: '!', values: [] });
    } else if ((m = /^([\w./-]+)$/.exec(term))) {
      requirements.push({ key: m[1], op: 'exists', values: [] });
    } else {
      throw new SelectorError(`unable to parse requirement: ${term}`);
    }
  }
  return matcher(requirements);
}

/**
 * The matcher for a workload's `spec.selector`. An empty or absent selector
 * matches nothing, as for a ReplicaSet.
 * @param {{ matchLabels?: Record<string,string>, matchExpressions?: {key: string, operator: string, values?: string[]}[] } | undefined} selector
 * @returns {LabelMatcher}
 */
export function labelSelectorMatcher(selector) {
  if (!selector || (!selector.matchLabels && !selector.matchExpressions?.length)) return () => false;
  /** @type {Requirement[]} */
  const requirements = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({ key, op: 'in', values: [value] }));
  for (const e of selector.matchExpressions ?? []) {
    const op = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' }[e.operator];
    if (!op) throw new SelectorError(`${e.operator} is not a valid label selector operator`);
    requirements.push({ key: e.key, op: /** @type {Requirement['op']} */ (op), values: e.values ?? [] });
  }
  return matcher(requirements);
}

/** `app=web,tier in (a,b)`, the form kubectl and status.selector show. */
export function formatLabelSelector(/** @type {any} */ selector) {
  const terms = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    if (e.operator === 'Exists') terms.push(e.key);
    else if (e.operator === 'DoesNotExist') terms.push(`!${e.key}`);
    else terms.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`);
  }
  return terms.join(',');
}

/**
 * Parses `metadata.name=x,involvedObject.kind!=Pod`. Any dotted path of the
 * object can be selected on; the real server allows only a few per kind, but
 * nothing a client asks for legitimately is refused here.
 * @param {string | undefined | null} text
 * @returns {(object: any) => boolean}
 */
export function parseFieldSelector(text) {
  if (!text) return () => true;
  const requirements = splitTerms(text).map((term) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    return { path: m[1].split('.'), negate: m[2] === '!=', value: m[3] };
  });
  return (object) =>
    requirements.every(({ path, negate, value }) => {
      let v = object;
      for (const p of path) v = v?.[p];
      return (String(v ?? '') === value) !== negate;
    });
}
