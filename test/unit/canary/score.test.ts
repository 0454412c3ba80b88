import type { Classification } from '../../../src/canary/classify.js';
import {
  checkThresholds,
  decide,
  judgeIntervals,
  scoreMetrics,
  type IntervalResult,
  type ScoredMetric,
} from '../../../src/canary/score.js';

const metric = (name: string, classification: Classification, group = 'test-group', criticalFailure = false): ScoredMetric => ({
  name,
  group,
  classification,
  criticalFailure,
  reason: classification === 'Pass' ? null : `${name} was ${classification}`,
});

describe('scoreMetrics: Kayenta’s ScorerSuite', () => {
  it.each([
    ['Single Metric Pass', [metric('pass', 'Pass')], {}, 100],
    ['Single Metric Fail', [metric('high', 'High')], {}, 0],
    ['Single group Nodata', [metric('nodata', 'Nodata', 'test-group-nodata')], {}, 0],
    [
      'Two Groups, one Pass, one Nodata',
      [
        metric('pass1a', 'Pass', 'test-group-pass'),
        metric('pass1b', 'Pass', 'test-group-pass'),
        metric('nodata', 'Nodata', 'test-group-nodata'),
      ],
      {},
      100,
    ],
    ['One Group, Two Metrics', [metric('pass', 'Pass'), metric('high', 'High')], {}, 50],
    ['One Group, Three Metrics', [metric('pass', 'Pass'), metric('high', 'High'), metric('low', 'Low')], {}, 33.33],
    [
      'Two Groups, Three Metrics',
      [metric('pass-1', 'Pass', 'group-1'), metric('pass-2', 'Pass', 'group-1'), metric('fail', 'High', 'group-2')],
      { 'group-1': 75, 'group-2': 25 },
      75,
    ],
    [
      'Two Groups, Three Metrics (Equal Weight)',
      [metric('pass', 'Pass', 'group-1'), metric('fail-1', 'High', 'group-1'), metric('fail-2', 'High', 'group-2')],
      { 'group-1': 50, 'group-2': 50 },
      25,
    ],
    [
      'Two Groups, Three Metrics (Equal Weight), one NoData',
      [metric('pass', 'Pass', 'group-1'), metric('nodata', 'Nodata', 'group-1'), metric('fail', 'High', 'group-2')],
      { 'group-1': 50, 'group-2': 50 },
      50,
    ],
    ['Two Metrics, one good (normal), one fail (critical)', [metric('pass', 'Pass'), metric('high', 'High', 'test-group', true)], {}, 0],
    ['Two Metrics, one low (normal), one good (critical)', [metric('low', 'Low'), metric('pass2', 'Pass')], {}, 50],
    [
      'Two Metrics, one good (normal), one nodata (critical)',
      [metric('pass', 'Pass'), metric('nodata', 'Nodata', 'test-group', true)],
      {},
      0,
    ],
    [
      'Two Groups (Unequal Weight), Four Metrics',
      [
        metric('high', 'High', 'group1'),
        metric('low', 'Low', 'group1'),
        metric('pass', 'Pass', 'group1'),
        metric('pass2', 'High', 'group2'),
      ],
      { group1: 15, group2: 85 },
      5,
    ],
  ] as const)('%s', (_, results, weights, expected) => {
    expect(scoreMetrics(results, new Map(Object.entries(weights))).score).toBe(expected);
  });

  it('keeps a group’s own score at 0 when it has no data, counting it as passing overall', () => {
    const { groups } = scoreMetrics([metric('pass', 'Pass', 'a'), metric('pass2', 'Pass', 'a'), metric('nodata', 'Nodata', 'b')]);
    expect(groups).toEqual([
      { name: 'a', score: 100, weight: 50, noData: false },
      { name: 'b', score: 0, weight: 50, noData: true },
    ]);
  });
});

describe('scoreMetrics: weights', () => {
  const results = [metric('a', 'Pass', 'a'), metric('b', 'High', 'b'), metric('c', 'Pass', 'c')];

  it('gives unweighted groups equal shares of what the weighted leave of 100', () => {
    const { score, groups } = scoreMetrics(results, new Map([['a', 60]]));
    expect(groups.map((g) => g.weight)).toEqual([60, 20, 20]);
    expect(score).toBe(80);
  });

  it('normalises weights that do not add up to 100', () => {
    expect(
      scoreMetrics(
        results,
        new Map([
          ['a', 1],
          ['b', 1],
          ['c', 2],
        ]),
      ).score,
    ).toBe(75);
  });

  it('counts NodataFailMetric against its group and leaves Nodata out', () => {
    expect(scoreMetrics([metric('a', 'Pass'), metric('b', 'NodataFailMetric'), metric('c', 'Nodata')]).score).toBe(50);
  });

  it('forces 0 when half the metrics have no data, naming them', () => {
    const result = scoreMetrics([metric('a', 'Pass'), metric('b', 'Nodata')]);
    expect(result.score).toBe(0);
    expect(result.forcedToZero).toEqual({ by: 'nodata', reason: "1 of 2 metrics had no usable data ('b'); half or more is too many" });
  });
});

describe('decide', () => {
  const decideOn = (results: ScoredMetric[]) => decide(scoreMetrics(results), results, { passScore: 95, marginalScore: 75 });
  const many = (failing: number, of: number) =>
    Array.from({ length: of }, (_, i) => metric(`m${i}`, i < failing ? 'High' : 'Pass', `m${i}`));

  it('passes at pass-score, is marginal above marginal-score, fails at or below it', () => {
    expect(decideOn(many(0, 4))).toEqual({ decision: 'pass', reason: 'score 100 reached pass-score 95' });
    expect(decideOn(many(1, 5)).decision).toBe('marginal');
    expect(decideOn(many(1, 5)).reason).toBe("score 80 is below pass-score 95 but above marginal-score 75; failing: 'm0' High");
    expect(decideOn(many(1, 4))).toEqual({ decision: 'fail', reason: "score 75 is not above marginal-score 75; failing: 'm0' High" });
  });

  it('fails on a critical failure, with its reason', () => {
    const results = [metric('errors', 'High', 'errors', true), metric('latency', 'Pass', 'latency')];
    expect(decideOn(results)).toEqual({ decision: 'fail', reason: "critical metric 'errors' failed: errors was High" });
  });

  it('is inconclusive when the score was forced to 0 for want of data alone', () => {
    expect(decideOn([metric('a', 'Nodata', 'a'), metric('b', 'Pass', 'b')]).decision).toBe('inconclusive');
    expect(decideOn([metric('errors', 'Nodata', 'errors', true), metric('b', 'Pass', 'b')])).toEqual({
      decision: 'inconclusive',
      reason: "not enough data: critical metric 'errors' failed: errors was Nodata",
    });
  });

  it('fails rather than shrugs when metrics failed besides the missing data', () => {
    const result = decideOn([metric('a', 'Nodata', 'a'), metric('b', 'High', 'b')]);
    expect(result.decision).toBe('fail');
    expect(result.reason).toMatch(/failing: 'b' High$/);
  });
});

describe('checkThresholds', () => {
  it('accepts the defaults and refuses a marginal-score above pass-score', () => {
    expect(() => checkThresholds({ passScore: 95, marginalScore: 75 })).not.toThrow();
    expect(() => checkThresholds({ passScore: 70, marginalScore: 75 })).toThrow(
      "input 'marginal-score': 75 is above pass-score 70; expected a score no higher than pass-score",
    );
    expect(() => checkThresholds({ passScore: 120, marginalScore: 75 })).toThrow(/input 'pass-score'/);
  });
});

describe('judgeIntervals', () => {
  const interval = (score: number, decision: IntervalResult['decision'] = score >= 95 ? 'pass' : 'fail'): IntervalResult => ({
    score,
    decision,
    reason: `score ${score}`,
  });

  it('waits for the next interval while interim scores are above marginal-score', () => {
    expect(judgeIntervals([], 3)).toEqual({ done: false });
    expect(judgeIntervals([interval(100), interval(80, 'marginal')], 3)).toEqual({ done: false });
  });

  it('fails fast on an interim score not above marginal-score', () => {
    expect(judgeIntervals([interval(100), interval(75)], 4, 75)).toMatchObject({
      done: true,
      decision: 'fail',
      interval: 2,
      reason: 'stopped after interval 2 of 4: score 75',
    });
  });

  it('does not stop on an inconclusive interim interval', () => {
    expect(judgeIntervals([interval(0, 'inconclusive')], 3)).toEqual({ done: false });
  });

  it('lets the final interval decide', () => {
    expect(judgeIntervals([interval(80, 'marginal'), interval(100)], 2)).toMatchObject({ done: true, decision: 'pass', interval: 2 });
    expect(judgeIntervals([interval(100), interval(80, 'marginal')], 2)).toMatchObject({ done: true, decision: 'marginal' });
  });
});
