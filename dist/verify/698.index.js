export const id = 698;
export const ids = [698];
export const modules = {

/***/ 2179:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N4: () => (/* binding */ tally),
/* harmony export */   Ym: () => (/* binding */ percentile),
/* harmony export */   eQ: () => (/* binding */ formatTally)
/* harmony export */ });
/* unused harmony export CHECK_KINDS */
/** What every kind of check returns, and the small statistics they share. */
const CHECK_KINDS = (/* unused pure expression or super */ null && (['http', 'load', 'job', 'command']));
/** Nearest-rank percentile of values sorted ascending; NaN when there are none. */
function percentile(sorted, p) {
    if (!sorted.length)
        return NaN;
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
/** Counts of equal strings, most frequent first (ties in first-seen order). */
function tally(values) {
    const counts = new Map();
    for (const value of values)
        counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
}
/** `200 ×9, 503 ×1`; a single kind alone is shown without its count when `plainSingle`. */
function formatTally(counts, plainSingle = false) {
    if (plainSingle && counts.length === 1 && counts[0][1] === 1)
        return counts[0][0];
    return counts.map(([value, count]) => `${value} ×${count}`).join(', ');
}


/***/ }),

/***/ 9698:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runLoadCheck: () => (/* binding */ runLoadCheck)
});

// UNUSED EXPORTS: generateLoad, judgeLoad, loadFigures, metricValue

// EXTERNAL MODULE: ./.tmp/build/src/verify/check.js
var check = __webpack_require__(2179);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
// EXTERNAL MODULE: ./.tmp/build/src/verify/thresholds.js
var thresholds = __webpack_require__(7067);
;// CONCATENATED MODULE: ./.tmp/build/src/verify/load-client.js



/**
 * The load test's HTTP/1.1 client: one keep-alive connection per request in
 * flight, the request's bytes written once and sent as they are, and the
 * answer read just far enough to know its status and where its body ends
 * (Content-Length, chunked, or the connection's end). This is how load tools
 * such as wrk and autocannon reach their rates: node:http's request and
 * response objects cost several times more per request than the exchange
 * itself, and a load generator sharing the runner's cores with the rest of
 * the job has none to spare. A connection the server closes (or that fails)
 * is opened again for the next request.
 */
function rawLoadClient(target, method, timeoutMs) {
    const url = new URL(target.url);
    const secure = url.protocol === 'https:';
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(url.port || (secure ? 443 : 80));
    const request = Buffer.from(`${method} ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUser-Agent: gitops-delivery verify\r\nAccept: */*\r\n` +
        `${target.authorization ? `Authorization: ${target.authorization}\r\n` : ''}\r\n`, 'latin1');
    const idle = [];
    const all = [];
    const open = () => secure
        ? external_node_tls_.connect({ host, port, servername: external_node_net_.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'] })
        : external_node_net_.connect({ host, port });
    return {
        send() {
            let connection = idle.pop();
            if (!connection) {
                connection = new Connection(open, request, method === 'HEAD', timeoutMs, (done) => idle.push(done));
                all.push(connection);
            }
            return connection.send();
        },
        close() {
            for (const connection of all)
                connection.close();
            idle.length = 0;
        },
    };
}
const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
/** One keep-alive connection, one request at a time. */
class Connection {
    open;
    request;
    head;
    timeoutMs;
    free;
    socket;
    pending;
    buffer;
    closed = false;
    // Where the answer being read stands.
    status = 0;
    remaining = -1;
    chunked = false;
    untilClose = false;
    keepAlive = true;
    chunkState = 'size';
    crlfLeft = 0;
    constructor(open, request, head, timeoutMs, 
    /** Called as soon as an answer is read, before it is handed over: the connection can take the next request. */
    free) {
        this.open = open;
        this.request = request;
        this.head = head;
        this.timeoutMs = timeoutMs;
        this.free = free;
    }
    send() {
        return new Promise((resolve) => {
            this.pending = resolve;
            this.status = 0;
            this.buffer = undefined;
            if (!this.socket)
                this.connect();
            this.socket.write(this.request);
        });
    }
    close() {
        this.closed = true;
        this.socket?.destroy();
    }
    connect() {
        const socket = this.open();
        this.socket = socket;
        socket.setNoDelay(true);
        socket.setTimeout(this.timeoutMs);
        socket.on('data', (chunk) => this.read(chunk));
        socket.on('timeout', () => this.fail(socket, `no answer within ${(0,thresholds/* formatMs */._V)(this.timeoutMs)}`, false));
        socket.on('error', (error) => this.fail(socket, error.code ? `${error.code}: ${error.message}` : error.message, true));
        socket.on('close', () => {
            if (this.socket === socket && this.untilClose && this.status)
                return this.finish(socket);
            this.fail(socket, 'the server closed the connection', true);
        });
    }
    fail(socket, error, connection) {
        if (this.socket !== socket)
            return;
        this.socket = undefined;
        socket.destroy();
        const resolve = this.pending;
        this.pending = undefined;
        if (resolve && !this.closed) {
            this.free(this);
            resolve({ error, connection });
        }
    }
    finish(socket) {
        const resolve = this.pending;
        this.pending = undefined;
        if (!this.keepAlive || this.untilClose) {
            this.socket = undefined;
            socket.destroy();
        }
        if (resolve) {
            this.free(this);
            resolve({ status: this.status });
        }
    }
    read(chunk) {
        let data = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
        this.buffer = undefined;
        if (!this.status) {
            const end = data.indexOf(HEADER_END);
            if (end < 0) {
                this.buffer = data;
                return;
            }
            const head = data.toString('latin1', 0, end);
            this.status = Number(head.slice(9, 12));
            data = data.subarray(end + 4);
            // An interim answer (100 Continue) is followed by the real one.
            if (this.status >= 100 && this.status < 200) {
                this.status = 0;
                if (data.length)
                    this.read(data);
                return;
            }
            const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
            this.chunked = /\r\ntransfer-encoding:[^\r\n]*chunked/i.test(head);
            this.chunkState = 'size';
            this.keepAlive = !/\r\nconnection:[^\r\n]*close/i.test(head) && !head.startsWith('HTTP/1.0');
            const empty = this.head || this.status === 204 || this.status === 304;
            this.remaining = empty ? 0 : this.chunked ? -1 : length ? Number(length[1]) : -1;
            this.untilClose = !empty && !this.chunked && !length;
        }
        if (this.untilClose)
            return; // the body ends with the connection
        if (this.chunked)
            return this.readChunks(data);
        this.remaining -= data.length;
        if (this.remaining <= 0)
            this.finish(this.socket);
    }
    /** Walks a chunked body: size line, data, CRLF, … then the last (empty) chunk and the trailer's blank line. */
    readChunks(data) {
        let at = 0;
        for (;;) {
            switch (this.chunkState) {
                case 'data': {
                    const take = Math.min(this.remaining, data.length - at);
                    at += take;
                    this.remaining -= take;
                    if (this.remaining > 0)
                        return;
                    this.chunkState = 'crlf';
                    this.crlfLeft = 2;
                    break;
                }
                case 'crlf': {
                    const take = Math.min(this.crlfLeft, data.length - at);
                    at += take;
                    this.crlfLeft -= take;
                    if (this.crlfLeft > 0)
                        return;
                    this.chunkState = 'size';
                    break;
                }
                case 'size':
                case 'trailer': {
                    const line = data.indexOf(CRLF, at);
                    if (line < 0) {
                        if (at < data.length)
                            this.buffer = data.subarray(at);
                        return;
                    }
                    if (this.chunkState === 'trailer') {
                        if (line === at)
                            return this.finish(this.socket);
                        at = line + 2;
                        break;
                    }
                    const size = parseInt(data.toString('latin1', at, line).split(';')[0], 16);
                    at = line + 2;
                    if (size > 0) {
                        this.chunkState = 'data';
                        this.remaining = size;
                    }
                    else
                        this.chunkState = 'trailer';
                    break;
                }
            }
        }
    }
}

// EXTERNAL MODULE: ./.tmp/build/src/verify/urls.js
var urls = __webpack_require__(2413);
;// CONCATENATED MODULE: ./.tmp/build/src/verify/load.js




const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Sends the load: `concurrency` workers, each sending as soon as its last answer came (or at the rate's next slot). */
async function generateLoad(settings, client, deps = {}) {
    const { now = () => performance.now(), sleep = realSleep, signal } = deps;
    const { requests, durationMs, ratePerSecond, concurrency } = settings;
    let latencies = new Float64Array(requests ?? 1024);
    let count = 0;
    let errors = 0;
    let unreachable = 0;
    let started = 0;
    let lastAnswer = 0;
    const statuses = {};
    const problems = {};
    const begin = now();
    const worker = async () => {
        for (;;) {
            if (signal?.aborted)
                return;
            if (requests !== undefined && started >= requests)
                return;
            const index = started;
            if (ratePerSecond !== undefined) {
                // The slot's offset from the start, compared as it is: (begin + offset) - begin can fall a hair short.
                const offset = (index * 1000) / ratePerSecond;
                if (durationMs !== undefined && offset >= durationMs)
                    return;
                const due = begin + offset;
                started++;
                const wait = due - now();
                if (wait > 1)
                    await sleep(wait);
            }
            else {
                if (durationMs !== undefined && now() - begin >= durationMs)
                    return;
                started++;
            }
            const sent = now();
            const sample = await client.send();
            const answered = now();
            lastAnswer = answered;
            if (sample.status !== undefined) {
                if (count === latencies.length) {
                    const grown = new Float64Array(latencies.length * 2);
                    grown.set(latencies);
                    latencies = grown;
                }
                latencies[count++] = answered - sent;
                const key = String(sample.status);
                statuses[key] = (statuses[key] ?? 0) + 1;
                if (sample.status >= 400) {
                    errors++;
                    problems[`status ${key}`] = (problems[`status ${key}`] ?? 0) + 1;
                }
            }
            else {
                errors++;
                if (sample.connection)
                    unreachable++;
                const why = sample.error ?? 'no answer';
                problems[why] = (problems[why] ?? 0) + 1;
                statuses['no answer'] = (statuses['no answer'] ?? 0) + 1;
            }
        }
    };
    const workers = Math.min(concurrency, requests ?? concurrency);
    await Promise.all(Array.from({ length: workers }, worker));
    const answered = latencies.slice(0, count).sort();
    const sortByCount = (record) => Object.entries(record).sort((a, b) => b[1] - a[1]);
    return {
        latencies: answered,
        requests: started,
        errors,
        unreachable,
        statuses: sortByCount(statuses),
        problems: sortByCount(problems),
        elapsedMs: Math.max(0, (lastAnswer || now()) - begin),
    };
}
function loadFigures(run) {
    const sum = run.latencies.reduce((total, value) => total + value, 0);
    const ms = (value) => (Number.isFinite(value) ? Number(value.toFixed(2)) : NaN);
    return {
        requests: run.requests,
        errors: run.errors,
        errorRatio: run.requests ? run.errors / run.requests : 0,
        rps: run.elapsedMs > 0 ? Number(((run.requests * 1000) / run.elapsedMs).toFixed(1)) : 0,
        elapsedMs: Math.round(run.elapsedMs),
        latencyMs: {
            p50: ms((0,check/* percentile */.Ym)(run.latencies, 50)),
            p90: ms((0,check/* percentile */.Ym)(run.latencies, 90)),
            p95: ms((0,check/* percentile */.Ym)(run.latencies, 95)),
            p99: ms((0,check/* percentile */.Ym)(run.latencies, 99)),
            max: ms(run.latencies.length ? run.latencies[run.latencies.length - 1] : NaN),
            mean: ms(run.latencies.length ? sum / run.latencies.length : NaN),
        },
    };
}
function metricValue(figures, metric) {
    if (metric === 'errors')
        return figures.errorRatio;
    if (metric === 'rps')
        return figures.rps;
    return figures.latencyMs[metric];
}
/** The load check's verdict: every threshold holds, and the URL was reachable. */
function judgeLoad(settings, run) {
    const figures = loadFigures(run);
    const misses = [];
    if (run.requests > 0 && run.unreachable === run.requests) {
        misses.push(`input 'load-url': ${settings.target.shown} is unreachable: ${run.problems[0]?.[0] ?? 'no connection'}${(0,urls/* resolutionHint */.ur)(settings.target.url, run.problems[0]?.[0] ?? '')}; expected a URL this runner can reach`);
    }
    else {
        for (const threshold of settings.thresholds) {
            const actual = metricValue(figures, threshold.metric);
            if (!Number.isFinite(actual) || !(0,thresholds/* holds */.v9)(threshold, actual))
                misses.push(Number.isFinite(actual) ? (0,thresholds/* describeMiss */.gx)(threshold, actual) : `${threshold.metric}: no request was answered`);
        }
        if (misses.length && run.errors)
            misses.push(`errors: ${(0,check/* formatTally */.eQ)(run.problems.slice(0, 3))}`);
    }
    const shape = settings.ratePerSecond !== undefined
        ? `${run.requests} requests at ${settings.ratePerSecond}/s`
        : `${run.requests} requests, ${settings.concurrency} at a time`;
    const latency = ['p50', 'p95', 'p99'].map((metric) => `${metric} ${(0,thresholds/* formatFigure */.Mo)(metric, figures.latencyMs[metric])}`);
    return {
        kind: 'load',
        name: `${settings.method} ${settings.target.shown}`,
        verdict: misses.length ? 'failed' : 'passed',
        figures: {
            url: settings.target.shown,
            method: settings.method,
            concurrency: settings.concurrency,
            ...(settings.ratePerSecond !== undefined ? { rate: settings.ratePerSecond } : {}),
            ...figures,
            statuses: Object.fromEntries(run.statuses),
            thresholds: settings.thresholds.map((threshold) => ({
                threshold: threshold.text,
                actual: metricValue(figures, threshold.metric),
                passed: (0,thresholds/* holds */.v9)(threshold, metricValue(figures, threshold.metric)),
            })),
        },
        shown: [
            shape,
            `${(0,thresholds/* formatFigure */.Mo)('rps', figures.rps)}`,
            Number.isFinite(figures.latencyMs.p50) ? latency.join(', ') : 'no answer',
            `errors ${(0,thresholds/* formatPercent */.l9)(figures.errorRatio)}`,
        ].join(' · '),
        reason: misses.length ? misses.join('; ') : undefined,
        durationMs: figures.elapsedMs,
    };
}
/** Runs the load test and judges it against the thresholds. */
async function runLoadCheck(settings, deps = {}) {
    const client = deps.client ?? rawLoadClient(settings.target, settings.method, settings.timeoutMs);
    try {
        return judgeLoad(settings, await generateLoad(settings, client, deps));
    }
    finally {
        client.close();
    }
}


/***/ })

};
