/**
 * Surgical edits of YAML text. Every edit is a splice of the original string
 * at the source ranges the `yaml` parser reports, so whatever is not edited —
 * comments, quoting, indentation, flow style, anchors, line endings — stays
 * byte for byte. Nothing here ever re-serialises a document.
 */
import { isScalar, parse, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies edits made against `text`; they must not overlap. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`overlapping edits at offset ${edit.start}`);
    result += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return result + text.slice(at);
}

/** Whether a scalar is written as a block: `|`, `>`, with any chomping or indentation indicator. */
export function isBlockScalar(node: unknown): boolean {
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}

/**
 * A scalar's text as the author meant it: plain `1.0` is the tag "1.0", not
 * the number 1. A block scalar's text is its content without the line breaks
 * and spaces around it, which chomping and indentation add: `image: |` over
 * `nginx:1.0` names nginx:1.0 as much as `image: nginx:1.0` does. Undefined
 * for anything but a scalar.
 */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (isBlockScalar(node)) return typeof node.value === 'string' ? node.value.trim() : undefined;
  if (typeof node.value === 'string') return node.value;
  if (node.type === 'PLAIN' && node.value !== null && typeof node.source === 'string') return node.source;
  return undefined;
}

/** Whether a scalar is present but empty (`tag:`, `tag: ~`, `tag: ""`), which an edit may fill. */
export function isEmptyScalar(node: unknown): node is Scalar {
  return isScalar(node) && (node.value === null || node.value === '');
}

const PLAIN_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_./:@+=-]*$/;

/**
 * Whether `value` can be written unquoted and still read back as the same
 * string, by YAML 1.2 readers and by the YAML 1.1 ones Kubernetes and Helm use
 * (where `yes`, `1_0` and `2024-01-01` are not strings).
 */
export function isPlainSafe(value: string): boolean {
  return PLAIN_SAFE.test(value) && !value.endsWith(':') && parse(value) === value && parse(value, { version: '1.1' }) === value;
}

export function plainOrQuoted(value: string): string {
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

/** Thrown for a scalar that holds a reference but cannot take a new value without rewriting more than it. */
export class UneditableError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = 'UneditableError';
  }
}

/**
 * Replaces a scalar's value, in the scalar's own style. `json` writes a plain
 * scalar as a JSON string, for a file that must stay JSON.
 */
export function setScalar(text: string, node: Scalar, value: string, json = false): Edit {
  if (isBlockScalar(node)) return setBlockScalar(text, node, value);
  const [start, end] = node.range!;
  let written: string;
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      written = JSON.stringify(value);
      break;
    case 'QUOTE_SINGLE':
      written = `'${value.replace(/'/g, "''")}'`;
      break;
    default:
      written = json ? JSON.stringify(value) : plainOrQuoted(value);
  }
  // `tag:` with no value: the empty scalar sits right after the colon.
  if (start === end && text[start - 1] === ':') written = ` ${written}`;
  return { start, end, text: written };
}

/**
 * A block scalar keeps its header (indicators, comment) and its indentation
 * and trailing lines, which carry its chomping: only the one content line
 * that holds the text is rewritten. Content over several lines is not one
 * image reference or tag, and is refused rather than rewritten.
 */
function setBlockScalar(text: string, node: Scalar, value: string): Edit {
  const [start, end] = node.range!;
  const headerEnd = text.indexOf('\n', start);
  const lines: { start: number; end: number }[] = [];
  for (let at = headerEnd + 1; headerEnd >= 0 && at < end;) {
    const lf = text.indexOf('\n', at);
    const lineEnd = lf < 0 || lf > end ? end : lf;
    const line = text.slice(at, lineEnd);
    const first = line.search(/\S/);
    if (first >= 0) lines.push({ start: at + first, end: at + line.trimEnd().length });
    at = lineEnd + 1;
  }
  if (lines.length === 0) throw new UneditableError(start, 'is an empty block scalar, which cannot be given a value in place');
  if (lines.length > 1) throw new UneditableError(start, `is a block scalar over ${lines.length} lines, not one value`);
  if (/[\r\n]/.test(value)) throw new UneditableError(start, 'cannot take a value with a line break');
  return { start: lines[0].start, end: lines[0].end, text: value };
}

/** The line break the text already uses, so that added lines match it. */
export function lineBreakOf(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line break ending the line that holds `offset`, or the text's end. */
function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const lf = text.indexOf('\n', offset);
  return lf < 0 ? text.length : lf + 1;
}

function endOf(pair: Pair): number {
  const node = (pair.value ?? pair.key) as Node;
  return node.range![1];
}

/**
 * Adds `key: value` pairs after a map's last pair: for a block map each on its
 * own line with the indentation of that last key; for a flow map inline, or
 * each on its own line when the last pair has a line to itself (JSON as most
 * tools print it). `json` writes keys and values as JSON strings.
 */
export function appendPairs(text: string, map: YAMLMap, pairs: [string, string][], json = false): Edit {
  const last = map.items[map.items.length - 1];
  const rendered = pairs.map(([key, value]) =>
    json ? `${JSON.stringify(key)}: ${JSON.stringify(value)}` : `${key}: ${plainOrQuoted(value)}`,
  );
  if (map.flow || !last) {
    const at = last ? endOf(last) : map.range![0] + 1;
    if (!last) return { start: at, end: at, text: rendered.join(', ') };
    const keyStart = (last.key as Node).range![0];
    const before = text.slice(lineStart(text, keyStart), keyStart);
    if (before.trim() === '') {
      const eol = lineBreakOf(text);
      return { start: at, end: at, text: rendered.map((pair) => `,${eol}${before}${pair}`).join('') };
    }
    return { start: at, end: at, text: `, ${rendered.join(', ')}` };
  }
  const keyStart = (last.key as Node).range![0];
  const indent = ' '.repeat(keyStart - lineStart(text, keyStart));
  const at = nextLineStart(text, endOf(last));
  const eol = lineBreakOf(text);
  const lines = rendered.map((line) => indent + line);
  // A map on the file's last line, with no final newline: keep it without one.
  if (at === text.length && !text.endsWith('\n')) return { start: at, end: at, text: eol + lines.join(eol) };
  return { start: at, end: at, text: lines.map((line) => line + eol).join('') };
}

/** Removes one pair from a map: its whole line in a block map, its `, key: value` in a flow map. */
export function removePair(text: string, map: YAMLMap, pair: Pair): Edit {
  const index = map.items.indexOf(pair);
  const keyStart = (pair.key as Node).range![0];
  const next = map.items[index + 1];
  const previous = map.items[index - 1];
  if (map.flow) {
    if (previous) return { start: endOf(previous), end: endOf(pair), text: '' };
    return { start: keyStart, end: next ? (next.key as Node).range![0] : endOf(pair), text: '' };
  }
  const start = lineStart(text, keyStart);
  if (text.slice(start, keyStart).trim() !== '') {
    // The pair shares its line with `- `: the next key moves up to take its place.
    if (!next) throw new Error('cannot remove the only pair of a sequence entry');
    return { start: keyStart, end: (next.key as Node).range![0], text: '' };
  }
  const end = nextLineStart(text, endOf(pair));
  if (end === text.length && !text.endsWith('\n') && start > 0) {
    // Removing the last line of a file with no final newline: take the break before it instead.
    return { start: start - (text[start - 2] === '\r' ? 2 : 1), end, text: '' };
  }
  return { start, end, text: '' };
}

/** 1-based line numbers of offsets in one text, computed once. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}
