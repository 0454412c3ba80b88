import { selectorString } from '../../../src/kube/diagnose.js';
import { JsonStream } from '../../../src/kube/json-stream.js';

describe('JsonStream', () => {
  const events = [
    { type: 'ADDED', object: { metadata: { name: 'a', annotations: { note: 'braces } { and "quotes" \\ inside' } } } },
    { type: 'MODIFIED', object: { metadata: { name: 'b' }, list: [1, [2, { c: '}' }]] } },
  ];
  const text = events.map((event) => JSON.stringify(event, null, 4)).join('\n');

  it('yields each value once it is complete, however the text is cut', () => {
    for (const size of [1, 7, 64, text.length]) {
      const stream = new JsonStream();
      const seen: unknown[] = [];
      for (let at = 0; at < text.length; at += size) seen.push(...stream.push(text.slice(at, at + size)));
      expect(seen).toEqual(events);
    }
  });

  it('skips stray text between values', () => {
    const stream = new JsonStream();
    expect(stream.push(`W1122 "quoted" warning\n${JSON.stringify(events[0])}\nplain line\n${JSON.stringify(events[1])}`)).toEqual(events);
  });
});

describe('selectorString', () => {
  it('writes labels and expressions as kubectl -l takes them', () => {
    expect(
      selectorString({
        matchLabels: { app: 'web', tier: 'front' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'staging'] },
          { key: 'legacy', operator: 'NotIn', values: ['true'] },
          { key: 'team', operator: 'Exists' },
          { key: 'canary', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=web,tier=front,env in (prod,staging),legacy notin (true),team,!canary');
    expect(selectorString(undefined)).toBe('');
  });
});
