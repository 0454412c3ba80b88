import { InputError } from '../../../src/action/errors.js';
import { defaultMetrics, groupWeights, parseMetrics, renderQuery } from '../../../src/canary/metrics.js';

describe('parseMetrics', () => {
  it('reads every key, with defaults for the rest', () => {
    const [errors, latency] = parseMetrics(`
- name: errors
  query: sum(rate(errors_total{track="{{track}}"}[1m]))
  direction: increase
  critical: true
  must-have-data: true
  nan-strategy: replace
  group: reliability
  weight: 60
  tolerance: 0.1
  allowed-increase: 1.1
  critical-increase: 2
- name: latency
  query: latency{track="{{ track }}", app="{{name}}", namespace="{{namespace}}"}
  effect-size: cles
  allowed-decrease: 0.3
`);
    expect(errors).toEqual({
      name: 'errors',
      query: 'sum(rate(errors_total{track="{{track}}"}[1m]))',
      direction: 'increase',
      critical: true,
      mustHaveData: true,
      nanStrategy: 'replace',
      group: 'reliability',
      weight: 60,
      tolerance: 0.1,
      effectSize: 'mean-ratio',
      allowedIncrease: 1.1,
      allowedDecrease: 1,
      criticalIncrease: 2,
      criticalDecrease: 1,
    });
    expect(latency).toMatchObject({
      direction: 'either',
      critical: false,
      mustHaveData: false,
      nanStrategy: 'remove',
      group: 'latency',
      weight: undefined,
      tolerance: 0.25,
      effectSize: 'cles',
      allowedIncrease: 0.5,
      allowedDecrease: 0.3,
    });
  });

  it('reads the unit a summary shows the values in; the defaults have theirs', () => {
    expect(parseMetrics('- {name: queue, query: q, unit: jobs}')[0].unit).toBe('jobs');
    expect(parseMetrics('- {name: queue, query: q}')[0].unit).toBeUndefined();
    expect(defaultMetrics().map((metric) => metric.unit)).toEqual(['ratio', 's']);
  });

  it('gives the default metrics for empty input', () => {
    expect(parseMetrics('  \n')).toEqual(defaultMetrics());
  });

  it('allows a metric without a query when the provider needs none', () => {
    expect(parseMetrics('- name: latency', { requireQuery: false })[0].query).toBeUndefined();
  });

  it.each([
    ['not: [valid', /^input 'metrics': is not valid YAML: /],
    ['name: errors', "input 'metrics': is not a list of metrics; expected a YAML list of metrics"],
    ['- just a string', "input 'metrics': metric 1: is not a mapping; expected keys such as name, query, direction"],
    ['- query: up', "input 'metrics': metric 1: 'name' is missing; expected a name for each metric"],
    ['- name: errors', "input 'metrics': metric 1 ('errors'): 'query' is missing; expected the query that gives the metric for one track"],
    [
      '- {name: a, query: up}\n- {name: b, query: up, direction: up}',
      "input 'metrics': metric 2 ('b'): 'direction' is 'up'; expected one of increase, decrease, either",
    ],
    ['- {name: a, query: up, critical: yes}', "input 'metrics': metric 1 ('a'): 'critical' is 'yes'; expected true or false"],
    [
      '- {name: a, query: up, must_have_data: true}',
      /^input 'metrics': metric 1 \('a'\): unknown key 'must_have_data'; expected keys among name, query, /,
    ],
    [
      '- {name: a, query: up, tolerance: -1}',
      "input 'metrics': metric 1 ('a'): 'tolerance' is '-1'; expected a fraction of the estimate, 0 or more (default 0.25)",
    ],
    [
      '- {name: a, query: up, weight: "50%"}',
      "input 'metrics': metric 1 ('a'): 'weight' is '50%'; expected a share of the score above 0, in percent",
    ],
    [
      '- {name: a, query: up, effect-size: cles, allowed-increase: 1.2}',
      /'allowed-increase' is '1.2'; expected a probability between 0 and 1/,
    ],
    ['- {name: a, query: up, allowed-increase: 0}', /'allowed-increase' is '0'; expected a ratio of means above 0/],
    [
      '- {name: a, query: "up{pod=\\"{{pod}}\\"}"}',
      "input 'metrics': metric 1 ('a'): 'query' uses unknown placeholder {{pod}}; expected placeholders among {{track}}, {{name}}, {{namespace}}",
    ],
    ['- {name: a, query: up}\n- {name: a, query: down}', "input 'metrics': metric 'a' is listed twice; expected unique names"],
  ])('rejects %j', (text, message) => {
    const parsing = () => parseMetrics(text);
    expect(parsing).toThrow(InputError);
    expect(parsing).toThrow(message);
  });
});

describe('groupWeights', () => {
  const metric = (name: string, group: string, weight?: number) => ({ name, group, weight });

  it('collects one weight per group', () => {
    expect(groupWeights([metric('a', 'g', 30), metric('b', 'g'), metric('c', 'h')])).toEqual(new Map([['g', 30]]));
  });

  it('refuses two weights for one group', () => {
    expect(() => groupWeights([metric('a', 'g', 30), metric('b', 'g', 40)])).toThrow(
      "input 'metrics': metric 'b' gives group 'g' weight 40, another metric gave 30; expected one weight per group",
    );
  });

  it('refuses weights that leave nothing for the unweighted groups', () => {
    expect(() => groupWeights([metric('a', 'g', 60), metric('b', 'h', 40), metric('c', 'i')])).toThrow(
      /the weights given add up to 100, leaving nothing for 'i'/,
    );
    expect(() => groupWeights([metric('a', 'g', 60), metric('b', 'h', 140)])).not.toThrow();
  });
});

describe('renderQuery', () => {
  it('fills the placeholders, spaces and all', () => {
    expect(
      renderQuery('up{track="{{track}}", app="{{ name }}", namespace="{{namespace}}"}', {
        track: 'canary',
        name: 'web',
        namespace: 'prod',
      }),
    ).toBe('up{track="canary", app="web", namespace="prod"}');
  });

  it('escapes values for a double-quoted label value', () => {
    expect(renderQuery('up{track="{{track}}"}', { track: 'a"b\\c', name: '', namespace: '' })).toBe('up{track="a\\"b\\\\c"}');
  });

  it('refuses an unknown placeholder', () => {
    expect(() => renderQuery('up{pod="{{pod}}"}', { track: 'canary', name: 'web', namespace: 'prod' })).toThrow(
      /unknown placeholder \{\{pod\}\}/,
    );
  });

  it('gives the default metrics their selectors for each side', () => {
    const [errors, latency] = defaultMetrics();
    const variables = { track: 'baseline', name: 'hello', namespace: 'shop' };
    const selector = 'namespace="shop", app="hello", track="baseline"';
    expect(renderQuery(errors.query!, variables)).toBe(
      `(sum(rate(http_requests_total{${selector}, code=~"5.."}[1m])) or vector(0)) / sum(rate(http_requests_total{${selector}}[1m]))`,
    );
    expect(renderQuery(latency.query!, variables)).toBe(
      `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${selector}}[1m])))`,
    );
    expect(errors).toMatchObject({ direction: 'increase', critical: true });
    expect(latency).toMatchObject({ direction: 'increase', critical: false });
  });
});
