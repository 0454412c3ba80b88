import { formatDuration, jobDuration, MAX_JOB_MS, parseDuration } from '../../../src/kube/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['2m30.5s', 150_500],
    ['250ms', 250],
    ['1h0m0s', 3_600_000],
    ['1500us', 1.5],
    ['.5s', 500],
    ['0', 0],
    ['0s', 0],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '300', 'five minutes', '5 m', '5min', '-5m', 'm', '1h30', 's5', '1d'].map((text) => [text]))('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [12, '12 ms'],
    [1234, '1.2 s'],
    [59_940, '59.9 s'],
    [245_000, '4m05s'],
    [300_000, '5m'],
    [5_400_000, '1h30m'],
    [3_723_000, '1h02m03s'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('jobDuration', () => {
  it('reads a duration up to the 6 h a hosted job lasts', () => {
    expect(jobDuration('5m', 'timeout')).toBe(300_000);
    expect(jobDuration('6h', 'timeout')).toBe(MAX_JOB_MS);
    expect(jobDuration('0', 'interval', { zero: true })).toBe(0);
  });

  it.each(['6h1s', '600h', '700h', '1000000000h', `${'9'.repeat(400)}h`])('refuses %s, which no timer could wait for in a job', (text) => {
    expect(() => jobDuration(text, 'timeout')).toThrow(
      `input 'timeout': '${text}' is longer than a GitHub job lasts (6 h on hosted runners); expected a Go duration such as '90s', '5m' or '1h30m', at most 6h`,
    );
  });

  it('keeps every accepted value within what setTimeout holds', () => {
    expect(MAX_JOB_MS).toBeLessThan(2 ** 31 - 1);
  });

  it.each([
    ['soon', 'timeout', false, "'soon' is not a positive duration"],
    ['0s', 'timeout', false, "'0s' is not a positive duration"],
    ['-1s', 'interval', true, "'-1s' is not a duration"],
  ])('refuses %s', (text, input, zero, problem) => {
    expect(() => jobDuration(text, input, { zero })).toThrow(`input '${input}': ${problem}`);
  });
});
