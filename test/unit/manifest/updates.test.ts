import { InputError } from '../../../src/action/errors.js';
import { formatImageReference, repositoryOf } from '../../../src/image/reference.js';
import { parseImageUpdates } from '../../../src/manifest/images.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('parseImageUpdates', () => {
  it.each([
    ['nginx:1.25', 'nginx', 'nginx:1.25'],
    [`ghcr.io/acme/app@${DIGEST}`, 'ghcr.io/acme/app', `ghcr.io/acme/app@${DIGEST}`],
    [`ghcr.io/acme/app:v2@${DIGEST}`, 'ghcr.io/acme/app', `ghcr.io/acme/app:v2@${DIGEST}`],
    ['localhost:5000/team/app:7', 'localhost:5000/team/app', 'localhost:5000/team/app:7'],
    ['gcr.io/old/app=ghcr.io/new/app:3', 'gcr.io/old/app', 'ghcr.io/new/app:3'],
    [' nginx = docker.io/library/nginx:1.25 ', 'nginx', 'docker.io/library/nginx:1.25'],
  ])('reads %j as match %s, target %s', (line, match, target) => {
    const [update] = parseImageUpdates([line]);
    expect(repositoryOf(update.match)).toBe(match);
    expect(update.match.tag).toBeUndefined();
    expect(update.match.digest).toBeUndefined();
    expect(formatImageReference(update.target)).toBe(target);
    expect(update.line).toBe(line.trim());
  });

  it('skips blank lines and comments, keeping the order of the others', () => {
    const updates = parseImageUpdates(['', '# frontend', 'a/front:1', '   ', 'a/back:2']);
    expect(updates.map((update) => update.line)).toEqual(['a/front:1', 'a/back:2']);
  });

  it.each([
    ['UPPER/case:1', 'lowercase'],
    ['a b:1', 'white space'],
    ['repo:tag:tag', 'more than one tag'],
    ['repo@sha256:abc', '64 lowercase hex'],
    ['repo', 'neither a tag nor a digest'],
    ['gcr.io/acme/app', 'neither a tag nor a digest'],
    ['old:1=new:2', 'must name a repository only'],
    ['=new:2', 'it is empty'],
    ['old=', 'it is empty'],
  ])('rejects %j, naming the line, the problem and the expected form', (line, problem) => {
    let error: unknown;
    try {
      parseImageUpdates(['ok/app:1', line], 'images');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const { input, message } = error as InputError;
    expect(input).toBe('images');
    expect(message).toContain(`line '${line}'`);
    expect(message).toContain(problem);
    expect(message).toContain("expected lines of 'REF' or 'MATCH=REF'");
  });

  it('rejects two lines for the same repository, however spelled', () => {
    expect(() => parseImageUpdates(['nginx:1', 'docker.io/library/nginx:2'], 'images')).toThrow(
      /line 'docker.io\/library\/nginx:2': line 'nginx:1' already updates/,
    );
  });

  it('names the input it was given', () => {
    expect(() => parseImageUpdates(['Bad'], 'extra-images')).toThrow(/^input 'extra-images': /);
  });
});
