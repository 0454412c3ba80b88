// patchTree reads only what an update concerns: files that name none of the
// updated repositories, and files where every mention already is the target,
// are not parsed; neither shortcut may hide a reference or a missing image.
import { patchTree } from '../../../src/manifest/images.js';
import { parseImageUpdates } from '../../../src/manifest/updates.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const file = (path: string, text: string) => ({ path, bytes: Buffer.from(text) });
const deployment = (...images: string[]) =>
  `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n${images.map((image, i) => `        - name: c${i}\n          image: ${image}\n`).join('')}`;

describe('patchTree', () => {
  it('counts a file already at the target as a reference, with no change', () => {
    const result = patchTree(
      [file('a.yaml', deployment(`ghcr.io/acme/hello:v2@${D2}`))],
      parseImageUpdates([`ghcr.io/acme/hello:v2@${D2}`]),
    );
    expect(result).toEqual({ files: [], skipped: [], missing: [] });
  });

  it('patches a file where the target stands beside an older reference of the same repository', () => {
    const result = patchTree(
      [file('a.yaml', deployment(`ghcr.io/acme/hello:v2@${D2}`, `ghcr.io/acme/hello:v1@${D1}`))],
      parseImageUpdates([`ghcr.io/acme/hello:v2@${D2}`]),
    );
    expect(result.files.map((patch) => patch.after)).toEqual([deployment(`ghcr.io/acme/hello:v2@${D2}`, `ghcr.io/acme/hello:v2@${D2}`)]);
  });

  it('does not take a longer reference that ends like the target for the target', () => {
    const result = patchTree([file('a.yaml', deployment(`ghcr.io/acme/hello:v2@${D2}`))], parseImageUpdates([`acme/hello:v2@${D2}`]));
    expect(result.missing.map((update) => update.line)).toEqual([`acme/hello:v2@${D2}`]);
  });

  it('reads a split Helm repository and tag, whose name stands alone', () => {
    const values = `image:\n  repository: ghcr.io/acme/hello\n  tag: v1\n`;
    const result = patchTree([file('values.yaml', values)], parseImageUpdates(['ghcr.io/acme/hello:v2']));
    expect(result.files.map((patch) => patch.after)).toEqual([`image:\n  repository: ghcr.io/acme/hello\n  tag: v2\n`]);
  });

  it('handles many updates over many files in one scan per file, with the same result as one update at a time', () => {
    const files = Array.from({ length: 300 }, (_, i) => file(`apps/svc-${i}.yaml`, deployment(`ghcr.io/acme/svc-${i}:v1@${D1}`)));
    const lines = Array.from({ length: 300 }, (_, i) => `ghcr.io/acme/svc-${i}:${i === 7 ? 'v2' : 'v1'}@${i === 7 ? D2 : D1}`);
    const all = patchTree(files, parseImageUpdates(lines));
    expect(all.missing).toEqual([]);
    expect(all.files.map((patch) => patch.path)).toEqual(['apps/svc-7.yaml']);
    expect(all.files[0].after).toBe(deployment(`ghcr.io/acme/svc-7:v2@${D2}`));
  });
});
