import { InputError } from '../action/errors.js';
import { canonicalRepository, InvalidReferenceError, parseImageReference, repositoryOf, type ImageReference } from '../image/reference.js';

/**
 * One line of the `images` input. This module loads no YAML parser, so that a
 * door can reject a bad line before it pays for the patch engine.
 */
export interface ImageUpdate {
  /** The line as the user wrote it, for messages. */
  line: string;
  /** References of this repository are updated; it carries no tag or digest. */
  match: ImageReference;
  /** What they become: this tag and/or digest, and this repository when it differs from `match`'s. */
  target: ImageReference;
}

const EXPECTED =
  "lines of 'REF' or 'MATCH=REF', where REF is repository:tag, repository@sha256:<64 hex> or repository:tag@sha256:<64 hex>, and MATCH is a repository without tag";

/**
 * Parses the `images` input: lines of `REF` (update references of REF's
 * repository) or `MATCH=REF` (find MATCH's repository, rename it to REF's).
 * Blank lines and `#` comments are ignored.
 */
export function parseImageUpdates(lines: string[], input = 'images'): ImageUpdate[] {
  const updates: ImageUpdate[] = [];
  const seen = new Map<string, string>();
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fail = (problem: string): never => {
      throw new InputError(input, `line '${line}': ${problem}`, EXPECTED);
    };
    const equals = line.indexOf('=');
    const matchText = equals >= 0 ? line.slice(0, equals).trim() : undefined;
    const targetText = equals >= 0 ? line.slice(equals + 1).trim() : line;
    const parse = (text: string): ImageReference => {
      try {
        return parseImageReference(text);
      } catch (error) {
        if (error instanceof InvalidReferenceError) return fail(error.message);
        throw error;
      }
    };

    const target = parse(targetText);
    if (target.tag === undefined && target.digest === undefined) fail(`'${targetText}' has neither a tag nor a digest`);
    let match: ImageReference = { registry: target.registry, path: target.path };
    if (matchText !== undefined) {
      const written = parse(matchText);
      // `nginx:1.0=nginx:2.0` would read as "only 1.0", which is not what happens.
      if (written.tag !== undefined || written.digest !== undefined) {
        fail(`MATCH '${matchText}' must name a repository only: every tag of it is updated`);
      }
      match = written;
    }

    const repository = canonicalRepository(match);
    const earlier = seen.get(repository);
    if (earlier !== undefined) fail(`line '${earlier}' already updates ${repositoryOf(match)}`);
    seen.set(repository, line);
    updates.push({ line, match, target });
  }
  return updates;
}
