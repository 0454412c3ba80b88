import { spawnKubectl } from '../../../src/kube/kubectl.js';

describe('a runner without kubectl', () => {
  it('is told that kubectl is missing and how to get it, not spawn ENOENT', async () => {
    const kubectl = spawnKubectl('kubectl-not-on-this-runner');
    await expect(kubectl.run(['version'])).rejects.toThrow(
      /^kubectl-not-on-this-runner is not installed on this runner \(not found on PATH\): .*azure\/setup-kubectl/,
    );
    await expect(kubectl.stream(['get', 'pods', '--watch'], () => undefined, new AbortController().signal)).rejects.toThrow(
      /not installed on this runner/,
    );
  });
});
