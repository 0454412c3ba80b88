import { parsePolicies, PolicyError } from '../../../src/watch/policy.js';

const where = "input 'policies'";
const fails = (text: string, message: RegExp) => {
  expect(() => parsePolicies(text, where)).toThrow(PolicyError);
  expect(() => parsePolicies(text, where)).toThrow(message);
};

describe('parsePolicies', () => {
  it('reads the three kinds of policy, with allow and ignore', () => {
    const policies = parsePolicies(
      `images:
  - image: ghcr.io/acme/web
    semver: '^1.2'
    ignore: ['-debug$']
  - image: ghcr.io/acme/worker
    pattern: '^main-(?<n>\\d+)$'
    order-by: number
  - image: 127.0.0.1:5000/tools
    digest-of: latest
    allow: [latest]
`,
      where,
    );
    expect(policies.map((policy) => policy.order.kind)).toEqual(['semver', 'pattern', 'digest-of']);
    expect(policies[0]).toMatchObject({ image: 'ghcr.io/acme/web', order: { range: '^1.2', prerelease: false } });
    expect(policies[0].ignore.map((re) => re.source)).toEqual(['-debug$']);
    expect(policies[0].description).toBe('semver ^1.2, ignore -debug$');
    expect(policies[1].order).toMatchObject({ orderBy: 'number' });
    expect(policies[2]).toMatchObject({ ref: { registry: '127.0.0.1:5000', path: 'tools' }, order: { tag: 'latest' } });
  });

  it('takes a mapping from image to policy, and a bare list', () => {
    const fromMap = parsePolicies(`images:\n  ghcr.io/acme/web: {semver: '~2.0', prerelease: true}\n`, where);
    expect(fromMap[0]).toMatchObject({ image: 'ghcr.io/acme/web', order: { kind: 'semver', range: '~2.0', prerelease: true } });
    const fromList = parsePolicies(`- {image: nginx, pattern: '^(\\d{8})$', order-by: date}\n`, where);
    expect(fromList[0].order).toMatchObject({ kind: 'pattern', orderBy: 'date' });
  });

  it('names the image and the expected form for a range that is not one', () => {
    fails(
      `images:\n  - {image: ghcr.io/acme/web, semver: 'one point two'}\n`,
      /input 'policies': image 'ghcr.io\/acme\/web': 'semver' is "one point two", which is not a semver range; expected a range such as '\^1.2'/,
    );
  });

  it('refuses an entry with no policy, or two', () => {
    fails(`images:\n  - {image: web}\n`, /image 'web': has no policy; expected one of 'semver: RANGE'/);
    fails(`images:\n  - {image: web, semver: '^1', digest-of: latest}\n`, /image 'web': has 'semver' and 'digest-of'/);
  });

  it('refuses a pattern without a capture group, a bad regex, and an unknown order', () => {
    fails(`images:\n  - {image: web, pattern: '^main-\\d+$'}\n`, /image 'web': 'pattern' .* has no capture group/);
    fails(`images:\n  - {image: web, pattern: '^main-(\\d+'}\n`, /image 'web': 'pattern' is not a valid regular expression/);
    fails(
      `images:\n  - {image: web, pattern: '^(\\d+)$', order-by: size}\n`,
      /image 'web': 'order-by' is "size"; expected 'number' or 'date'/,
    );
    fails(`images:\n  - {image: web, semver: '^1', ignore: ['(']}\n`, /image 'web': 'ignore' is not a valid regular expression/);
  });

  it('refuses keys it does not know, misplaced options, tags in the image, and duplicates', () => {
    fails(`images:\n  - {image: web, semver: '^1', prerelase: true}\n`, /image 'web': unknown key 'prerelase'/);
    fails(`images:\n  - {image: web, digest-of: latest, prerelease: true}\n`, /'prerelease' is set without 'semver'/);
    fails(`images:\n  - {image: 'web:1.0', semver: '^1'}\n`, /image 'web:1.0': names a tag or digest/);
    fails(`images:\n  - {image: 'Web', semver: '^1'}\n`, /image 'Web': 'Web' is not a valid image reference/);
    fails(
      `images:\n  - {image: nginx, semver: '^1'}\n  - {image: docker.io/library/nginx, semver: '^2'}\n`,
      /image 'docker.io\/library\/nginx': has two policies/,
    );
    fails(`images:\n  - {image: web, digest-of: 'a b'}\n`, /'digest-of' is "a b"; expected a tag/);
  });

  it('refuses what is not a policy document', () => {
    fails('images: [', /input 'policies': is not YAML/);
    fails('policies: []', /has unknown key 'policies'/);
    fails('images: []', /'images' is empty/);
    fails('images:\n  - semver: ^1\n', /entry 1 of 'images' has no 'image'/);
  });
});
