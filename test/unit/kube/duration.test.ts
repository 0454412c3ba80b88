import { formatDuration, parseDuration } from '../../../src/kube/duration.js';

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
