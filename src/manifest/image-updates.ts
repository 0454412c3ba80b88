import { InputError } from '../action/errors.js';
import { InvalidReferenceError, parseImageReference, type ImageReference } from '../image/reference.js';

/** One line of the `images` input: which references to find, and what they become. */
export interface ImageUpdate {
  line: string;
  /** References of this repository are updated (tag and digest of `match` are ignored). */
  match: ImageReference;
  /** What they become: this repository, tag and digest. */
  target: ImageReference;
}

const EXPECTED = "lines of 'REF' or 'MATCH=REF', where REF is repository:tag, repository@sha256:<64 hex> or both";

/**
 * Parses the `images` input. `REF` updates references of its own repository;
 * `MATCH=REF` finds MATCH's repository and renames it to REF's. Kept apart
 * from the patch engine so that rejecting a bad line loads no YAML parser.
 */
export function parseImageUpdates(lines: string[], input = 'images'): ImageUpdate[] {
  return lines.map((line) => {
    const at = line.indexOf('=');
    const [matchText, targetText] = at >= 0 ? [line.slice(0, at).trim(), line.slice(at + 1).trim()] : [line, line];
    let match: ImageReference;
    let target: ImageReference;
    try {
      match = parseImageReference(matchText);
      target = parseImageReference(targetText);
    } catch (error) {
      if (error instanceof InvalidReferenceError) throw new InputError(input, `line '${line}': ${error.message}`, EXPECTED);
      throw error;
    }
    if (target.tag === undefined && target.digest === undefined) {
      throw new InputError(input, `line '${line}': '${targetText}' has neither a tag nor a digest`, EXPECTED);
    }
    return { line, match, target };
  });
}
