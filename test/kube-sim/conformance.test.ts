// Conformance of kube-sim: the scripted kubectl session of conformance/
// session.mjs, run by the real kubectl of the oldest and newest versions the
// dispatcher offers against kube-sim reporting that version, must give the
// answers recorded for a real API server of that version (conformance/
// answers). The kind workflow runs the same session against real clusters.
import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { tempDir } from '../support/temp.js';
import { STEPS, differences, normaliseAnswer, runSession } from './conformance/session.mjs';
import { startKubeSim } from './index.mjs';

/** The folder of the dispatcher's versioned kubectl binaries. */
function kubectlFolder(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      return dirname(realpathSync(join(dir, 'kubectl')));
    } catch {
      // not in this folder
    }
  }
  throw new Error('kubectl is not on PATH');
}

const answersDir = new URL('./conformance/answers/', import.meta.url).pathname;
const folder = kubectlFolder();
const minors = readdirSync(folder)
  .map((f) => /^kubectl\.1\.(\d+)$/.exec(f)?.[1])
  .filter((m): m is string => m !== undefined)
  .map(Number)
  .sort((a, b) => a - b);
const answered = readdirSync(answersDir).map((f) => f.replace(/\.json$/, ''));

test('the oldest and newest kubectl the dispatcher offers have recorded answers', () => {
  expect(minors.length).toBeGreaterThan(1);
  expect(answered).toEqual(expect.arrayContaining([`1.${minors[0]}`, `1.${minors[minors.length - 1]}`]));
  for (const version of answered) {
    const recorded = JSON.parse(readFileSync(join(answersDir, `${version}.json`), 'utf8'));
    expect(Object.keys(recorded)).toEqual(STEPS.map((s) => s.name));
  }
});

describe.each([minors[0], minors[minors.length - 1]])('kubectl 1.%i against kube-sim reporting 1.%i', (minor) => {
  test('answers the session as the real API server of that version does', async () => {
    const sim = await startKubeSim({ version: { major: 1, minor, patch: 0 } });
    try {
      const answers = await runSession({
        kubectl: join(folder, `kubectl.1.${minor}`),
        kubeconfig: sim.kubeconfigPath,
        cacheDir: await tempDir(`conformance-${minor}`),
      });
      const recorded = JSON.parse(await readFile(join(answersDir, `1.${minor}.json`), 'utf8'));
      // Each differing step shown whole, recorded against answered.
      for (const name of differences(recorded, answers))
        expect({ step: name, answer: answers[name] }).toEqual({ step: name, answer: recorded[name] });
      expect(differences(recorded, answers)).toEqual([]);
    } finally {
      await sim.close();
    }
  }, 60_000);
});

describe('normalising answers', () => {
  test('what differs between two servers of the same behaviour is masked, and only that', () => {
    const step = STEPS.find((s) => s.name === 'get table')!;
    const a = normaliseAnswer(step, {
      code: 0,
      stdout: 'NAME                  READY   AGE\ndeployment.apps/web   2/2     5s\nservice/web   10.96.0.12   2m3s\n',
      stderr: '',
    });
    const b = normaliseAnswer(step, {
      code: 0,
      stdout: 'NAME                  READY   AGE\ndeployment.apps/web   2/2     17m\nservice/web   10.96.113.140   3h\n',
      stderr: '',
    });
    expect(a).toEqual(b);
    const c = normaliseAnswer(step, {
      code: 0,
      stdout: 'NAME                  READY   AGE\ndeployment.apps/web   1/2     5s\n',
      stderr: '',
    });
    expect(c).not.toEqual(a);

    const json = STEPS.find((s) => s.name === 'get deployment -o json')!;
    const object = (uid: string, replicas: number) =>
      JSON.stringify({
        metadata: { uid, resourceVersion: '12', creationTimestamp: '2025-01-01T00:00:00Z', name: 'web-7d4b9c6f8d' },
        spec: { replicas },
      });
    expect(normaliseAnswer(json, { code: 0, stdout: object('1b4e28ba-2fa1-11d2-883f-0016d3cca427', 2), stderr: '' })).toEqual(
      normaliseAnswer(json, { code: 0, stdout: object('6f1c2a3b-0000-4000-8000-000000000000', 2), stderr: '' }),
    );
    expect(normaliseAnswer(json, { code: 0, stdout: object('1b4e28ba-2fa1-11d2-883f-0016d3cca427', 2), stderr: '' })).not.toEqual(
      normaliseAnswer(json, { code: 0, stdout: object('1b4e28ba-2fa1-11d2-883f-0016d3cca427', 3), stderr: '' }),
    );
  });
});
