// Series as a user's Prometheus makes them: pods counting requests, errors
// and a latency histogram; scrapes at a fixed interval with a per-target
// offset and jitter; process restarts that reset the counters; and the
// queries a user writes (rate over [w] windows, histogram_quantile) evaluated
// as Prometheus 2.x evaluates them (extrapolatedRate, bucketQuantile).

export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** mulberry32, with normal, Poisson and binomial draws. */
export function generator(seed) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const poisson = (mean) => {
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = uniform(); p > limit; p *= uniform()) k++;
    return k;
  };
  const binomial = (n, p) => {
    if (n * p > 30) return Math.max(0, Math.min(n, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal())));
    let k = 0;
    for (let i = 0; i < n; i++) if (uniform() < p) k++;
    return k;
  };
  return { uniform, normal, poisson, binomial };
}

/**
 * One pod's scraped samples from `start` to `end` (seconds): every `scrape`
 * seconds after its offset, each scrape late by |jitter|; requests arrive at
 * `rps` (Poisson), err with `errorRate`, and take log-normal latencies of
 * median `latency` × a slow drift (an AR(1) of the log with `drift.sd` and
 * correlation time `drift.tau` seconds: load and garbage collection that
 * make a service's own latency wander). A restart (mean every `restartEvery`
 * seconds) starts every counter again from 0.
 */
export function scrapePod(r, options) {
  const {
    start,
    end,
    scrape,
    rps,
    errorRate,
    latency,
    sigma = 0.3,
    drift = { sd: 0.05, tau: 120 },
    restartEvery = 3600,
    jitter = 0.01,
  } = options;
  const offset = r.uniform() * scrape;
  const state = { requests: 0, errors: 0, buckets: new Array(BUCKETS.length + 1).fill(0), sum: 0 };
  // What really happened, restarts or not: what an oracle knows and no query sees.
  const truth = { requests: 0, errors: 0 };
  let level = drift.sd * r.normal();
  const samples = [];
  let last = start - scrape;
  for (let due = start + offset; due <= end; due += scrape) {
    const time = due + Math.abs(jitter * scrape * r.normal());
    const gap = time - last;
    last = time;
    const keep = Math.exp(-gap / drift.tau);
    level = keep * level + Math.sqrt(1 - keep * keep) * drift.sd * r.normal();
    const median = latency * Math.exp(level);
    const serve = (seconds) => {
      const n = r.poisson(rps * seconds);
      const errors = r.binomial(n, errorRate);
      state.requests += n;
      state.errors += errors;
      truth.requests += n;
      truth.errors += errors;
      for (let i = 0; i < n; i++) {
        const latencySeconds = median * Math.exp(sigma * r.normal());
        let b = 0;
        while (b < BUCKETS.length && latencySeconds > BUCKETS[b]) b++;
        state.buckets[b]++;
        state.sum += latencySeconds;
      }
    };
    if (r.uniform() < gap / restartEvery) {
      // The process restarts somewhere in the gap: what it counted since the last scrape is lost with it.
      const before = r.uniform() * gap;
      serve(before);
      state.requests = 0;
      state.errors = 0;
      state.buckets.fill(0);
      state.sum = 0;
      serve(gap - before);
    } else {
      serve(gap);
    }
    samples.push({
      time,
      requests: state.requests,
      errors: state.errors,
      // Cumulative, as a histogram's `le` series are; the last is +Inf.
      buckets: state.buckets.map((_, i) => state.buckets.slice(0, i + 1).reduce((a, b) => a + b, 0)),
      sum: state.sum,
      truth: { ...truth },
    });
  }
  return samples;
}

/** Prometheus 2.x `rate(series[window])` at `t`: samples in [t − window, t], reset-corrected and extrapolated. */
export function rate(samples, value, t, window) {
  const from = t - window;
  const first = firstAtOrAfter(samples, from);
  const lastIndex = firstAtOrAfter(samples, t + 1e-9) - 1;
  if (lastIndex - first < 1) return undefined;
  let result = value(samples[lastIndex]) - value(samples[first]);
  for (let i = first + 1; i <= lastIndex; i++) {
    const previous = value(samples[i - 1]);
    if (value(samples[i]) < previous) result += previous;
  }
  const sampled = samples[lastIndex].time - samples[first].time;
  const average = sampled / (lastIndex - first);
  let toStart = samples[first].time - from;
  const toEnd = t - samples[lastIndex].time;
  if (result > 0 && value(samples[first]) >= 0) {
    const toZero = sampled * (value(samples[first]) / result);
    if (toZero < toStart) toStart = toZero;
  }
  const threshold = average * 1.1;
  let extrapolated = sampled;
  extrapolated += toStart < threshold ? toStart : average / 2;
  extrapolated += toEnd < threshold ? toEnd : average / 2;
  return (result * (extrapolated / sampled)) / window;
}

function firstAtOrAfter(samples, time) {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (samples[middle].time < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Prometheus's bucketQuantile on cumulative bucket rates (the last for +Inf). */
export function histogramQuantile(q, cumulative) {
  const total = cumulative[cumulative.length - 1];
  if (!(total > 0)) return NaN;
  const rank = q * total;
  let b = 0;
  while (b < cumulative.length - 1 && cumulative[b] < rank) b++;
  if (b === BUCKETS.length) return BUCKETS[BUCKETS.length - 1];
  const lower = b === 0 ? 0 : BUCKETS[b - 1];
  const below = b === 0 ? 0 : cumulative[b - 1];
  const inBucket = cumulative[b] - below;
  return lower + (BUCKETS[b] - lower) * ((rank - below) / inBucket);
}

/** The latest sample at or before t, within Prometheus's 5-minute lookback. */
function latest(samples, t) {
  const index = firstAtOrAfter(samples, t + 1e-9) - 1;
  return index >= 0 && samples[index].time >= t - 300 ? samples[index] : undefined;
}

/** Evaluation times of a query_range from start to end at step, as Prometheus aligns them (start, start + step, …). */
export function steps(start, end, step) {
  const times = [];
  for (let t = start; t <= end + 1e-9; t += step) times.push(t);
  return times;
}

/**
 * The default metrics' queries over one side's pods, at each time:
 * error ratio `(sum(rate(errors[w])) or vector(0)) / sum(rate(requests[w]))`,
 * p99 `histogram_quantile(0.99, sum by (le) (rate(bucket[w])))` and mean
 * latency `sum(rate(sum[w])) / sum(rate(count[w]))`.
 */
export function querySide(pods, times, window) {
  const errorRate = [];
  const p99 = [];
  const meanLatency = [];
  for (const t of times) {
    const sums = { requests: 0, errors: 0, sum: 0, any: false };
    const cumulative = new Array(BUCKETS.length + 1).fill(0);
    for (const samples of pods) {
      const requests = rate(samples, (s) => s.requests, t, window);
      if (requests === undefined) continue;
      sums.any = true;
      sums.requests += requests;
      sums.errors += rate(samples, (s) => s.errors, t, window);
      sums.sum += rate(samples, (s) => s.sum, t, window);
      for (let b = 0; b < cumulative.length; b++) cumulative[b] += rate(samples, (s) => s.buckets[b], t, window);
    }
    if (!sums.any) continue;
    if (sums.requests > 0) errorRate.push({ time: t, value: sums.errors / sums.requests });
    p99.push({ time: t, value: histogramQuantile(0.99, cumulative) });
    if (sums.requests > 0) meanLatency.push({ time: t, value: sums.sum / sums.requests });
  }
  return { errorRate, p99, meanLatency };
}

/** Errors and requests counted from the raw counters sampled at `times` (query_range of the selector), resets counted apart. */
export function countSide(pods, times) {
  let events = 0;
  let total = 0;
  for (const samples of pods) {
    const seen = times.map((t) => latest(samples, t)).filter(Boolean);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]];
      total += b.requests >= a.requests ? b.requests - a.requests : b.requests;
      events += b.errors >= a.errors ? b.errors - a.errors : b.errors;
    }
  }
  return { events, total };
}

/** Every request and error of the pods between two times, restarts or not. */
export function trueCountSide(pods, from, end) {
  let events = 0;
  let total = 0;
  for (const samples of pods) {
    const [a, b] = [latest(samples, from), latest(samples, end)];
    if (!a || !b) continue;
    total += b.truth.requests - a.truth.requests;
    events += b.truth.errors - a.truth.errors;
  }
  return { events, total };
}

/** Autocorrelation of a series' values at lags 1..maxLag. */
export function autocorrelation(values, maxLag) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const c0 = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return Array.from({ length: maxLag }, (_, k) => {
    let c = 0;
    for (let t = k + 1; t < values.length; t++) c += (values[t] - mean) * (values[t - k - 1] - mean);
    return c / c0;
  });
}
