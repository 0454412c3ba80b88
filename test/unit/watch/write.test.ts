import { validBranch } from '../../../src/git/refs.js';
import { parsePolicies, type WatchPolicy } from '../../../src/watch/policy.js';
import { reviewBranches } from '../../../src/watch/review.js';
import { newestHeld, rejudge, type Held, type PlannedMove } from '../../../src/watch/write.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

const policy = (yaml: string) => parsePolicies(`images:\n  - image: ghcr.io/acme/web\n${yaml.replace(/^/gm, '    ')}\n`, 'test')[0];

function move(p: WatchPolicy, held: Held[], to: string): PlannedMove {
  return { policy: p, held, update: { image: p.image, from: held[0]?.tag ?? '', to, digest: to.split('@')[1], policy: p.description } };
}

describe('rejudge: a planned move on a tip that moved since the read', () => {
  const semver = policy("semver: '^1'");
  const pattern = policy("pattern: '^main-(\\d+)$'");
  const digest = policy('digest-of: latest');

  it('stands as planned when the tip holds what was read', () => {
    const planned = move(semver, [{ tag: '1.0.0' }], `1.2.0@${D1}`);
    expect(rejudge(planned, [{ tag: '1.0.0' }])).toEqual({ update: planned.update });
    const pinned = move(digest, [{ tag: 'latest', digest: D1 }], `latest@${D2}`);
    expect(rejudge(pinned, [{ tag: 'latest', digest: D1 }])).toEqual({ update: pinned.update });
  });

  it.each([
    ['a newer version', semver, '1.0.0', `1.2.0@${D1}`, [{ tag: '1.5.0' }], 'overtaken'],
    ['the same version', semver, '1.0.0', `1.2.0@${D1}`, [{ tag: '1.2.0', digest: D1 }], 'overtaken'],
    ['an equal version under another tag', semver, '1.0.0', `1.2.0@${D1}`, [{ tag: 'v1.2.0' }], 'overtaken'],
    ['a version outside the range, but newer', semver, '1.0.0', `1.2.0@${D1}`, [{ tag: '2.0.0' }], 'overtaken'],
    ['an older version than the move', semver, '1.0.0', `1.2.0@${D1}`, [{ tag: '1.1.0' }], '1.1.0'],
    ['a higher build number', pattern, 'main-5', `main-12@${D1}`, [{ tag: 'main-30' }], 'overtaken'],
    ['a lower build number', pattern, 'main-5', `main-12@${D1}`, [{ tag: 'main-7', digest: D2 }], `main-7@${D2}`],
    ['of several tags, one newer', pattern, 'main-5', `main-12@${D1}`, [{ tag: 'main-7' }, { tag: 'main-40' }], 'overtaken'],
    ['a tag the order cannot place', pattern, 'main-5', `main-12@${D1}`, [{ tag: 'hotfix' }], 'overtaken'],
    ['another digest of a moving tag', digest, 'latest', `latest@${D1}`, [{ tag: 'latest', digest: D2 }], 'overtaken'],
    ['no reference at all', semver, '1.0.0', `1.2.0@${D1}`, [], 'overtaken'],
  ] as const)('the tip now holds %s', (_name, p, read, to, now, expected) => {
    const verdict = rejudge(move(p, [{ tag: read }], to), [...now]);
    if (expected === 'overtaken') expect(verdict).toEqual({ overtaken: { image: p.image, now: expect.any(String) } });
    else expect(verdict).toEqual({ update: expect.objectContaining({ from: expected, to }) });
  });

  it('takes the newest of several held tags by the order, not by the text or the listing', () => {
    expect(newestHeld(pattern, [{ tag: 'main-9' }, { tag: 'main-10' }, { tag: 'main-2' }])).toEqual({ tag: 'main-10' });
    expect(newestHeld(semver, [{ tag: '1.10.0' }, { tag: '1.9.0' }])).toEqual({ tag: '1.10.0' });
  });
});

describe('reviewBranches: the branch of each image', () => {
  const policies = parsePolicies(
    `images:
  - {image: ghcr.io/acme/web, semver: '*'}
  - {image: '127.0.0.1:5000/acme/api', semver: '*'}
  - {image: nginx, semver: '*'}
  - {image: ghcr.io/acme/web-x, semver: '*'}
  - {image: ghcr.io/acme-web/x, semver: '*'}
`,
    'test',
  );

  it('is named after the image, a valid branch apart from the per-run one, and the same whatever the order', () => {
    const names = reviewBranches('image-watch/candidate', policies);
    expect([...names.values()].slice(0, 3)).toEqual([
      'image-watch/candidate-ghcr.io-acme-web',
      'image-watch/candidate-127.0.0.1-5000-acme-api',
      'image-watch/candidate-docker.io-library-nginx',
    ]);
    for (const name of names.values()) expect(validBranch(name, 'test')).toBe(name);
    const reversed = reviewBranches('image-watch/candidate', [...policies].reverse());
    for (const p of policies) expect(reversed.get(p)).toBe(names.get(p));
  });

  it('tells apart repositories that flatten alike, with a hash of their name', () => {
    const names = reviewBranches('image-watch/candidate', policies);
    const [webX, acmeWebX] = [names.get(policies[3])!, names.get(policies[4])!];
    expect(webX).not.toBe(acmeWebX);
    expect(webX).toMatch(/^image-watch\/candidate-ghcr\.io-acme-web-x-[0-9a-f]{8}$/);
    expect(new Set(names.values()).size).toBe(policies.length);
  });
});
