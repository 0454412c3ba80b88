import { timeline } from '../../../src/kube/summary.js';

describe('the rollout timeline of a deploy summary', () => {
  it('draws a bar per workload to its verdict, failures in red', () => {
    const drawn = timeline([
      { ref: { group: 'apps', kind: 'Deployment', name: 'web', namespace: 'shop' }, status: 'succeeded', durationMs: 1234, reason: '' },
      { ref: { group: 'apps', kind: 'StatefulSet', name: 'db', namespace: 'shop' }, status: 'failed', durationMs: 0, reason: '' },
    ]);
    expect(drawn).toBe(
      [
        '```mermaid',
        'gantt',
        '  dateFormat x',
        '  axisFormat %S.%L s',
        '  section rollout',
        '  deployment.apps/web :done, w0, 0, 1234',
        '  statefulset.apps/db :crit, w1, 0, 1',
        '```',
      ].join('\n'),
    );
  });
});
