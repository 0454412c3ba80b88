export const id = 110;
export const ids = [110];
export const modules = {

/***/ 9213:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I0: () => (/* binding */ smallestRankP),
/* harmony export */   LH: () => (/* binding */ dependentMeanTest),
/* harmony export */   X1: () => (/* binding */ nonOverlappingStepMs),
/* harmony export */   _D: () => (/* binding */ dependentRankTest)
/* harmony export */ });
/* unused harmony exports longestRangeWindowMs, varianceInflation, MIN_POINTS_FOR_DEPENDENCE, EXACT_RANK_LIMIT, rankSumUpperTail */
/* harmony import */ var _distributions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5461);
/* harmony import */ var _mann_whitney_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(749);
/* harmony import */ var _normal_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2499);



/**
 * Series from `rate(x[w])` evaluated every step s < w are built from
 * overlapping windows: neighbouring points share most of their requests, so
 * 20 points of a 5-minute lookback at 15 s hold about as much evidence as the
 * 5 non-overlapping minutes of `[1m]` windows. A test that counts the 20 as
 * independent sees significance where there is none. The default judge
 * therefore queries at a step no shorter than the query's longest range
 * window (so each point covers its own requests), and guards against what
 * dependence remains — a slow drift of the service itself — by inflating the
 * variance of each side's mean by the series' long-run variance factor.
 */
const DURATION_UNITS = {
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000,
    w: 604_800_000,
    y: 31_536_000_000,
};
/**
 * The longest range window of a PromQL query, in milliseconds: the `5m` of
 * `rate(x[5m])`, the `1h` of a subquery `[1h:1m]`; 0 when it has none (a gauge,
 * or an instant expression). Durations may be compound (`1m30s`).
 */
function longestRangeWindowMs(query) {
    let longest = 0;
    for (const [, range] of query.matchAll(/\[\s*((?:\d+(?:ms|[smhdwy]))+)\s*(?::[^\]]*)?\]/g)) {
        let ms = 0;
        for (const [, amount, unit] of range.matchAll(/(\d+)(ms|[smhdwy])/g))
            ms += Number(amount) * DURATION_UNITS[unit];
        longest = Math.max(longest, ms);
    }
    return longest;
}
/**
 * The step at which a query's points do not overlap: its longest range
 * window, or the asked step when that is longer; never so short that the span
 * holds more than `maxPoints` points.
 */
function nonOverlappingStepMs(query, stepMs, spanMs, maxPoints = 11_000) {
    return Math.max(stepMs, longestRangeWindowMs(query), Math.ceil(spanMs / maxPoints));
}
/**
 * The factor by which dependence between successive values inflates the
 * variance of their mean: 1 + 2 Σ (1 − j/(L+1)) ρⱼ (the Bartlett
 * kernel of Newey and West, bandwidth L = ⌊4 (n/100)^{2/9}⌋), from the
 * autocorrelations pooled over both sides, each side centred on
 * its own mean, or from an AR(1) fit when that says more. Never below 1: an
 * estimate that says the values are less dependent than independent ones is
 * noise, and the test stays as it is.
 */
function varianceInflation(sides) {
    const sizes = sides.map((side) => side.length);
    const n = Math.min(...sizes);
    // Below this, autocorrelations estimated from a side are noise: they would
    // only take power from the test at random, never find real dependence.
    if (n < MIN_POINTS_FOR_DEPENDENCE)
        return 1;
    const lags = Math.max(1, Math.floor(4 * (n / 100) ** (2 / 9)));
    const autocovariance = new Float64Array(lags + 1);
    for (const side of sides) {
        const mean = side.reduce((sum, r) => sum + r, 0) / side.length;
        for (let j = 0; j <= lags; j++) {
            for (let t = j; t < side.length; t++)
                autocovariance[j] += (side[t] - mean) * (side[t - j] - mean);
        }
    }
    if (autocovariance[0] === 0)
        return 1;
    let kernel = 1;
    for (let j = 1; j <= lags; j++)
        kernel += 2 * (1 - j / (lags + 1)) * (autocovariance[j] / autocovariance[0]);
    // A slow drift makes the autocorrelations decay slowly, beyond what a short
    // kernel sees; an AR(1) fit, its lag-1 estimate corrected for its downward
    // bias in short series (Kendall's (1 + 3ρ)/n), extrapolates that decay.
    const lagOne = autocovariance[1] / autocovariance[0];
    const rho = Math.min(0.9, Math.max(0, lagOne + (1 + 3 * lagOne) / n));
    const autoregressive = (1 + rho) / (1 - rho);
    // A drift under noise: autocorrelations c·φᵏ (an AR(1) seen through white
    // noise), whose decay φ = ρ₂ ÷ ρ₁ the lag-1 fit alone takes for faster.
    let drifting = 1;
    if (n >= MIN_POINTS_FOR_DEPENDENCE) {
        const second = Math.max(0, sideAutocorrelation(sides, 2) + 1 / n);
        const first = Math.max(0, lagOne + 1 / n);
        const decay = first > 0 ? Math.min(0.9, second / first) : 0;
        if (decay > 0)
            drifting = 1 + (2 * first) / (1 - decay);
    }
    return Math.min(Math.max(1, kernel, autoregressive, drifting), n);
}
/** Fewer points a side than this, and dependence is not estimated (the inflation is 1). */
const MIN_POINTS_FOR_DEPENDENCE = 8;
/** The lag-k autocorrelation pooled over the sides, each centred on its own mean. */
function sideAutocorrelation(sides, lag) {
    let covariance = 0;
    let variance = 0;
    for (const side of sides) {
        const mean = side.reduce((sum, v) => sum + v, 0) / side.length;
        for (let t = 0; t < side.length; t++) {
            variance += (side[t] - mean) ** 2;
            if (t >= lag)
                covariance += (side[t] - mean) * (side[t - lag] - mean);
        }
    }
    return variance ? covariance / variance : 0;
}
/**
 * The Wilcoxon–Mann–Whitney rank-sum test of canary against baseline, with
 * the tie-corrected normal approximation and continuity correction (as
 * `wilcox.test(exact = FALSE, correct = TRUE)`), its variance inflated by
 * {@link varianceInflation} of each side's ranks in time order.
 */
function dependentRankTest(baseline, canary) {
    const test = new _mann_whitney_js__WEBPACK_IMPORTED_MODULE_0__/* .RankSumTest */ .m(canary.map((p) => p.value), baseline.map((p) => p.value));
    const nc = canary.length;
    const nb = baseline.length;
    const { rankSumX, tieTerm } = test.ranks(0);
    const centred = rankSumX - (nc * (nc + 1)) / 2 - (nc * nb) / 2;
    const sigma = Math.sqrt(((nc * nb) / 12) * (nc + nb + 1 - tieTerm / ((nc + nb) * (nc + nb - 1))));
    const inflation = varianceInflation([ranksInTimeOrder(baseline, canary), ranksInTimeOrder(canary, baseline)]);
    if (tieTerm === 0 && nc <= EXACT_RANK_LIMIT && nb <= EXACT_RANK_LIMIT) {
        // Few points and no ties: the permutation distribution itself, as
        // wilcox.test(exact = TRUE), its z-score shrunk by the dependence found.
        const pairsAbove = rankSumX - (nc * (nc + 1)) / 2;
        const inflated = (p) => (inflation === 1 ? p : (0,_distributions_js__WEBPACK_IMPORTED_MODULE_1__/* .normalUpperTail */ .IL)(-(0,_normal_js__WEBPACK_IMPORTED_MODULE_2__/* .normalQuantile */ .Z)(p) / Math.sqrt(inflation)));
        return {
            pGreater: inflated(rankSumUpperTail(nc, nb, pairsAbove)),
            pLess: inflated(rankSumUpperTail(nc, nb, nc * nb - pairsAbove)),
            inflation,
        };
    }
    const scale = sigma * Math.sqrt(inflation);
    const pOf = (z) => (scale > 0 ? (0,_distributions_js__WEBPACK_IMPORTED_MODULE_1__/* .normalUpperTail */ .IL)(z) : 0.5);
    return {
        pGreater: pOf((centred - 0.5) / scale),
        pLess: pOf((-centred - 0.5) / scale),
        inflation,
    };
}
/** Midranks of `side`'s values in the pooled sample, in `side`'s time order. */
function ranksInTimeOrder(side, other) {
    const pooled = Float64Array.from([...side, ...other].map((p) => p.value)).sort();
    const rankOf = (value) => {
        let low = 0;
        let high = pooled.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (pooled[middle] < value)
                low = middle + 1;
            else
                high = middle;
        }
        let end = low;
        while (end < pooled.length && pooled[end] === value)
            end++;
        return (low + 1 + end) / 2;
    };
    return [...side].sort((a, b) => a.time - b.time).map((p) => rankOf(p.value));
}
/**
 * The smallest one-sided p-value the rank test can give with these sizes,
 * every canary value beyond every baseline value: what decides, from the
 * sizes alone, whether ranks can show a difference at a level.
 */
function smallestRankP(nc, nb) {
    if (nc <= EXACT_RANK_LIMIT && nb <= EXACT_RANK_LIMIT)
        return rankSumUpperTail(nc, nb, nc * nb);
    const sigma = Math.sqrt(((nc * nb) / 12) * (nc + nb + 1));
    return (0,_distributions_js__WEBPACK_IMPORTED_MODULE_1__/* .normalUpperTail */ .IL)(((nc * nb) / 2 - 0.5) / sigma);
}
/** Up to this many points a side (and without ties), the rank test's p-value is exact rather than approximate. */
const EXACT_RANK_LIMIT = 20;
const rankSumCounts = new Map();
/**
 * P(U ≥ u) for the Mann–Whitney U (pairs in which the first sample's value is
 * the larger) of samples of m and n values without ties, under "no
 * difference": the share of the C(m + n, m) equally likely orderings, counted
 * by the recursion c(m, n, u) = c(m − 1, n, u − n) + c(m, n − 1, u) (R's
 * pwilcox).
 */
function rankSumUpperTail(m, n, u) {
    const key = `${m} ${n}`;
    let counts = rankSumCounts.get(key);
    if (!counts) {
        // Rows of c(i, j, ·) for j = 0..n, built up over i.
        let row = Array.from({ length: n + 1 }, () => Float64Array.of(1));
        for (let i = 1; i <= m; i++) {
            const next = [Float64Array.of(1)];
            for (let j = 1; j <= n; j++) {
                const c = new Float64Array(i * j + 1);
                const fromLeft = row[j]; // c(i − 1, j, u − j)
                for (let v = 0; v < fromLeft.length; v++)
                    c[v + j] += fromLeft[v];
                const fromBelow = next[j - 1]; // c(i, j − 1, u)
                for (let v = 0; v < fromBelow.length; v++)
                    c[v] += fromBelow[v];
                next.push(c);
            }
            row = next;
        }
        counts = row[n];
        rankSumCounts.set(key, counts);
    }
    let total = 0;
    let above = 0;
    for (let v = 0; v < counts.length; v++) {
        total += counts[v];
        if (v >= u)
            above += counts[v];
    }
    return above / total;
}
/**
 * Welch's t-test of the canary's mean against the baseline's, each side's
 * variance of its mean inflated by {@link varianceInflation} of the values in
 * time order, and the degrees of freedom taken from the effective sizes
 * n ÷ inflation. With a handful of points a side — what a short lookback of
 * non-overlapping windows gives — a t-test can show a clear shift where a
 * rank test cannot reach the level at all ({@link smallestRankP}).
 */
function dependentMeanTest(baseline, canary) {
    const ordered = (points) => [...points].sort((a, b) => a.time - b.time).map((p) => p.value);
    const b = ordered(baseline);
    const c = ordered(canary);
    const inflation = varianceInflation([b, c]);
    const moments = (values) => {
        const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
        const variance = values.length > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1) : 0;
        return { mean, squaredError: (variance * inflation) / values.length, effective: values.length / inflation };
    };
    const mb = moments(b);
    const mc = moments(c);
    const difference = mc.mean - mb.mean;
    const squaredError = mb.squaredError + mc.squaredError;
    if (!(squaredError > 0)) {
        const p = (up) => (difference === 0 ? 0.5 : difference > 0 === up ? 0 : 1);
        return { pGreater: p(true), pLess: p(false), difference, inflation, degreesOfFreedom: Infinity };
    }
    const part = (m) => (m.effective > 1 ? m.squaredError ** 2 / (m.effective - 1) : 0);
    const denominator = part(mb) + part(mc);
    const degreesOfFreedom = denominator > 0 ? Math.max(1, squaredError ** 2 / denominator) : 1;
    const t = difference / Math.sqrt(squaredError);
    return {
        pGreater: (0,_distributions_js__WEBPACK_IMPORTED_MODULE_1__/* .studentUpperTail */ .g_)(t, degreesOfFreedom),
        pLess: (0,_distributions_js__WEBPACK_IMPORTED_MODULE_1__/* .studentUpperTail */ .g_)(-t, degreesOfFreedom),
        difference,
        inflation,
        degreesOfFreedom,
    };
}


/***/ }),

/***/ 5461:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IL: () => (/* binding */ normalUpperTail),
/* harmony export */   Pk: () => (/* binding */ binomialLowerTail),
/* harmony export */   Yw: () => (/* binding */ binomialUpperTail),
/* harmony export */   f4: () => (/* binding */ betaRegularized),
/* harmony export */   g_: () => (/* binding */ studentUpperTail)
/* harmony export */ });
/* unused harmony exports logGamma, gammaP, gammaQ, normalCdf, poissonUpperTail */
/**
 * The distribution functions the judge's tests need, to double precision or
 * near it: log-gamma (Lanczos, g = 7, the coefficients of Numerical Recipes
 * and Boost), the regularized incomplete gamma and beta functions (series and
 * Lentz continued fractions, as in Numerical Recipes §6.2 and §6.4), and from
 * them the normal, Poisson and binomial tails.
 */
const LANCZOS = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
/** ln Γ(x) for x > 0. */
function logGamma(x) {
    if (!(x > 0))
        return NaN;
    if (x < 0.5)
        return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    const z = x - 1;
    let sum = LANCZOS[0];
    for (let i = 1; i < LANCZOS.length; i++)
        sum += LANCZOS[i] / (z + i);
    const t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;
/** The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a). */
function gammaP(a, x) {
    if (x <= 0)
        return 0;
    if (x < a + 1)
        return gammaSeries(a, x);
    return 1 - gammaContinuedFraction(a, x);
}
/** The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), without cancellation in the tail. */
function gammaQ(a, x) {
    if (x <= 0)
        return 1;
    if (x < a + 1)
        return 1 - gammaSeries(a, x);
    return gammaContinuedFraction(a, x);
}
function gammaSeries(a, x) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n++) {
        term *= x / (a + n);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * EPSILON)
            break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}
function gammaContinuedFraction(a, x) {
    let b = x + 1 - a;
    let c = 1 / TINY;
    let d = 1 / b;
    let h = d;
    for (let i = 1; i < MAX_ITERATIONS; i++) {
        const an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (Math.abs(d) < TINY)
            d = TINY;
        c = b + an / c;
        if (Math.abs(c) < TINY)
            c = TINY;
        d = 1 / d;
        const delta = d * c;
        h *= delta;
        if (Math.abs(delta - 1) < EPSILON)
            break;
    }
    return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}
/** P(Z ≤ z) for a standard normal Z, accurate in both tails (erfc through the incomplete gamma function). */
function normalCdf(z) {
    if (Number.isNaN(z))
        return NaN;
    const half = 0.5 * gammaQ(0.5, (z * z) / 2);
    return z < 0 ? half : 1 - half;
}
/** P(Z ≥ z), without the cancellation of 1 − Φ(z) for large z. */
function normalUpperTail(z) {
    return normalCdf(-z);
}
/** The regularized incomplete beta function I_x(a, b). */
function betaRegularized(x, a, b) {
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
    // The continued fraction converges quickly only below the mean; above it, use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
    if (x < (a + 1) / (a + b + 2))
        return (front * betaContinuedFraction(x, a, b)) / a;
    return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}
function betaContinuedFraction(x, a, b) {
    const qab = a + b;
    const qap = a + 1;
    const qam = a - 1;
    let c = 1;
    let d = 1 - (qab * x) / qap;
    if (Math.abs(d) < TINY)
        d = TINY;
    d = 1 / d;
    let h = d;
    for (let m = 1; m < MAX_ITERATIONS; m++) {
        const m2 = 2 * m;
        let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        if (Math.abs(d) < TINY)
            d = TINY;
        c = 1 + aa / c;
        if (Math.abs(c) < TINY)
            c = TINY;
        d = 1 / d;
        h *= d * c;
        aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        if (Math.abs(d) < TINY)
            d = TINY;
        c = 1 + aa / c;
        if (Math.abs(c) < TINY)
            c = TINY;
        d = 1 / d;
        const delta = d * c;
        h *= delta;
        if (Math.abs(delta - 1) < EPSILON)
            break;
    }
    return h;
}
/** P(X ≥ k) for X ~ Binomial(n, p): R's pbinom(k − 1, n, p, lower.tail = FALSE). */
function binomialUpperTail(k, n, p) {
    if (k <= 0)
        return 1;
    if (k > n)
        return 0;
    if (p <= 0)
        return 0;
    if (p >= 1)
        return 1;
    return betaRegularized(p, k, n - k + 1);
}
/** P(X ≤ k) for X ~ Binomial(n, p): R's pbinom(k, n, p). */
function binomialLowerTail(k, n, p) {
    if (k < 0)
        return 0;
    if (k >= n)
        return 1;
    return binomialUpperTail(n - k, n, 1 - p);
}
/** P(X ≥ k) for X ~ Poisson(mean): R's ppois(k − 1, mean, lower.tail = FALSE). */
function poissonUpperTail(k, mean) {
    if (k <= 0)
        return 1;
    if (mean <= 0)
        return 0;
    return gammaP(k, mean);
}
/** P(T ≥ t) for Student's t with `df` degrees of freedom (any positive real df, as Welch's test needs). */
function studentUpperTail(t, df) {
    if (Number.isNaN(t) || !(df > 0))
        return NaN;
    if (!Number.isFinite(df))
        return normalUpperTail(t);
    const tail = 0.5 * betaRegularized(df / (df + t * t), df / 2, 0.5);
    return t >= 0 ? tail : 1 - tail;
}


/***/ }),

/***/ 2770:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ sleepUntil),
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
const systemClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
async function sleepUntil(clock, time) {
    const wait = time - clock.now();
    if (wait > 0)
        await clock.sleep(wait);
}


/***/ }),

/***/ 5087:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BB: () => (/* binding */ compareRates),
/* harmony export */   L: () => (/* binding */ rateRatioInterval),
/* harmony export */   Pe: () => (/* binding */ counterIncrease)
/* harmony export */ });
/* harmony import */ var _distributions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5461);
/* harmony import */ var _root_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8932);


/**
 * The exact conditional test of two Poisson rates, R's
 * `poisson.test(c(canary.events, baseline.events), c(canary.total, baseline.total), r = ratio0)`:
 * given the events of both sides together, the canary's share is
 * Binomial(events, π₀) with π₀ = r·Tc ÷ (r·Tc + Tb) when the rate ratio is r.
 * With errors among requests it is exact when errors are a small share of the
 * requests and conservative otherwise (a binomial count varies less than a
 * Poisson count of the same mean), so it never overstates a difference.
 */
function compareRates(baseline, canary, ratio0 = 1) {
    for (const [side, counts] of [
        ['baseline', baseline],
        ['canary', canary],
    ]) {
        if (!(counts.events >= 0 && counts.total > 0 && Number.isInteger(counts.events))) {
            throw new RangeError(`${side} counts ${counts.events} of ${counts.total} are not events of a positive total`);
        }
    }
    if (!(ratio0 > 0))
        throw new RangeError(`rate ratio ${ratio0} is not positive`);
    const n = canary.events + baseline.events;
    const share = (ratio0 * canary.total) / (ratio0 * canary.total + baseline.total);
    const ratio = canary.events / canary.total / (baseline.events / baseline.total);
    return {
        ratio: n === 0 ? NaN : ratio,
        pGreater: (0,_distributions_js__WEBPACK_IMPORTED_MODULE_0__/* .binomialUpperTail */ .Yw)(canary.events, n, share),
        pLess: (0,_distributions_js__WEBPACK_IMPORTED_MODULE_0__/* .binomialLowerTail */ .Pk)(canary.events, n, share),
    };
}
/**
 * The exact (Clopper–Pearson) confidence interval for the rate ratio, as
 * `poisson.test` gives it: the interval for the canary's binomial share of
 * the events, mapped to a ratio.
 */
function rateRatioInterval(baseline, canary, confidence) {
    const x = canary.events;
    const n = canary.events + baseline.events;
    const alpha = 1 - confidence;
    const exposure = baseline.total / canary.total;
    const toRatio = (p) => (p / (1 - p)) * exposure;
    // Clopper–Pearson: the share p at which P(X ≥ x) = α/2 (lower end) and P(X ≤ x) = α/2 (upper end).
    const lowerShare = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
    const upperShare = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
    return { lower: toRatio(lowerShare), upper: upperShare === 1 ? Infinity : toRatio(upperShare) };
}
function betaQuantile(p, a, b) {
    const f = (x) => (0,_distributions_js__WEBPACK_IMPORTED_MODULE_0__/* .betaRegularized */ .f4)(x, a, b) - p;
    return (0,_root_js__WEBPACK_IMPORTED_MODULE_1__/* .findRoot */ .w)(f, 0, 1, f(0), f(1), 1e-12);
}
/**
 * How much a counter grew over a series of its samples, as Prometheus's
 * `increase` counts it but without extrapolation: the sum of the rises
 * between consecutive samples, a fall being a reset from 0 (a restarted
 * process), so the value after it is all new.
 */
function counterIncrease(values) {
    let increase = 0;
    for (let i = 1; i < values.length; i++) {
        const previous = values[i - 1];
        const value = values[i];
        if (!Number.isFinite(previous) || !Number.isFinite(value))
            continue;
        increase += value >= previous ? value - previous : value;
    }
    return increase;
}


/***/ })

};
