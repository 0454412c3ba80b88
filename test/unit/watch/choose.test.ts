import { choose, dateKey } from '../../../src/watch/choose.js';
import { parsePolicies } from '../../../src/watch/policy.js';

const policy = (yaml: string) => parsePolicies(`images:\n  - image: web\n${yaml.replace(/^/gm, '    ')}\n`, 'test')[0];

describe('choose: semver', () => {
  const tags = ['latest', '1.1.0', '1.2.0', 'v1.10.0', '1.9.9', '2.0.0', '1.11.0-rc.1', 'main-7', '1.3.0-debug'];

  it('picks the newest version in the range by version, not by text', () => {
    expect(choose(policy("semver: '^1.2'"), tags)).toMatchObject({ newest: 'v1.10.0', candidates: 3 });
  });

  it('leaves pre-releases out unless asked', () => {
    expect(choose(policy("semver: '^1.2'"), tags).newest).toBe('v1.10.0');
    expect(choose(policy("semver: '^1.2'\nprerelease: true"), tags).newest).toBe('1.11.0-rc.1');
    expect(choose(policy("semver: '>=1.11.0-rc.0 <2'"), tags).newest).toBeUndefined();
  });

  it('applies allow and ignore', () => {
    expect(choose(policy("semver: '*'\nignore: ['^2\\.']"), tags).newest).toBe('v1.10.0');
    expect(choose(policy("semver: '*'\nallow: ['^1\\.[0-2]\\.']"), tags).newest).toBe('1.2.0');
  });

  it('compares the current tag by the order: older moves, newer is a refused downgrade, same stays', () => {
    expect(choose(policy("semver: '^1.2'"), tags, '1.2.0')).toMatchObject({ current: 'older', currentListed: true });
    expect(choose(policy("semver: '^1.2'"), tags, 'v1.10.0')).toMatchObject({ current: 'same' });
    expect(choose(policy("semver: '^1.2'"), tags, '1.10.0')).toMatchObject({ current: 'same', currentListed: false });
    expect(choose(policy("semver: '^1.2'"), tags, '1.12.0')).toMatchObject({ newest: 'v1.10.0', current: 'newer', currentListed: false });
    expect(choose(policy("semver: '^1.2'"), tags, 'latest')).toMatchObject({ current: 'unordered' });
  });

  it('does not depend on the listing order', () => {
    const shuffled = [...tags].reverse();
    expect(choose(policy("semver: '*'"), shuffled).newest).toBe(choose(policy("semver: '*'"), tags).newest);
    expect(choose(policy("semver: '1.2.3'"), ['v1.2.3', '1.2.3']).newest).toBe(
      choose(policy("semver: '1.2.3'"), ['1.2.3', 'v1.2.3']).newest,
    );
  });
});

describe('choose: pattern', () => {
  it('orders by the capture as a number', () => {
    const chosen = choose(
      policy("pattern: '^main-(?<n>\\d+)$'\norder-by: number"),
      ['main-9', 'main-10', 'main-2', 'pr-99', 'main-x'],
      'main-9',
    );
    expect(chosen).toMatchObject({ newest: 'main-10', candidates: 3, current: 'older' });
  });

  it('orders by the capture as a date', () => {
    const tags = ['build-20240131', 'build-20231231', 'build-20240201', 'build-20240231'];
    expect(choose(policy("pattern: '^build-(\\d+)$'\norder-by: date"), tags, 'build-20240201')).toMatchObject({
      newest: 'build-20240201',
      candidates: 3,
      current: 'same',
    });
  });

  it('refuses to go below the current tag', () => {
    expect(choose(policy("pattern: '^main-(\\d+)$'"), ['main-3', 'main-4'], 'main-12')).toMatchObject({
      newest: 'main-4',
      current: 'newer',
    });
  });
});

describe('choose: digest-of', () => {
  it('chooses the named tag alone, whatever the current one', () => {
    expect(choose(policy('digest-of: latest'), ['1.0', 'latest', 'zzz'], 'latest')).toMatchObject({
      newest: 'latest',
      current: 'same',
      candidates: 1,
    });
    expect(choose(policy('digest-of: stable'), ['1.0', 'latest'], 'stable')).toMatchObject({ newest: undefined, currentListed: false });
  });
});

describe('dateKey', () => {
  it('reads the forms tags carry dates in, as UTC', () => {
    expect(dateKey('20240131')).toBe(Date.UTC(2024, 0, 31));
    expect(dateKey('2024-01-31')).toBe(Date.UTC(2024, 0, 31));
    expect(dateKey('20240131T153000')).toBe(Date.UTC(2024, 0, 31, 15, 30, 0));
    expect(dateKey('2024.01.31-1530')).toBe(Date.UTC(2024, 0, 31, 15, 30));
    expect(dateKey('1706715000')).toBe(1706715000_000);
  });

  it('refuses what is not a date', () => {
    for (const text of ['20240231', '2024-13-01', '2024-01-31T25:00', 'abc', '2024-01/31']) expect(dateKey(text)).toBeUndefined();
  });
});
