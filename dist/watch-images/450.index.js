export const id = 450;
export const ids = [450];
export const modules = {

/***/ 5691:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OF: () => (/* binding */ fenced),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   xv: () => (/* binding */ truncate),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/** Small pieces of job-summary Markdown shared by the actions. */
function link(text, url) {
    return url ? `[${text}](${url})` : text;
}
/** A fenced block whose fence is longer than any backtick run inside, so content cannot close it. */
function fenced(language, body) {
    const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((run) => run[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}${language}\n${body.replace(/\n$/, '')}\n${fence}`;
}
function table(header, rows) {
    const escape = (cell) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map(escape).join(' | ')} |`).join('\n');
}
/** Caps text for an output or summary, saying how much was left out. */
function truncate(text, max) {
    return text.length <= max ? text : `${text.slice(0, max)}\n… ${text.length - max} more characters`;
}
/** A folded section: the summary line shows, the body opens on a click. */
function details(summary, body) {
    return `<details><summary>${summary}</summary>\n\n${body.replace(/\n$/, '')}\n\n</details>`;
}


/***/ }),

/***/ 4610:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tp: () => (/* binding */ describeRequestFailure),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   Wo: () => (/* binding */ networkProblem),
/* harmony export */   kL: () => (/* binding */ isTimeout),
/* harmony export */   yL: () => (/* binding */ MAX_RETRY_AFTER_MS)
/* harmony export */ });
/** What fetch's failures and answers say, read the same way by every client here. */
/** Whether fetch gave up because its AbortSignal.timeout ran out. */
function isTimeout(error) {
    return error?.name === 'TimeoutError';
}
/** fetch's own message ("fetch failed") says nothing; its cause has the system's reason. */
function networkProblem(error) {
    const fields = (typeof error === 'object' && error !== null ? error : {});
    return fields.cause?.message || fields.cause?.code || fields.message || String(error);
}
/** The longest wait a Retry-After header is honoured for; a client that would wait longer gives up instead. */
const MAX_RETRY_AFTER_MS = 30_000;
/** A Retry-After header (delay seconds or an HTTP date) as milliseconds from `now`; undefined when absent or unreadable. */
function retryAfterMs(header, now) {
    if (!header)
        return undefined;
    const value = header.trim();
    if (/^\d+$/.test(value))
        return Number(value) * 1000;
    // An HTTP date: `Sun, 01 Nov 2026 12:00:12 GMT`; Date.parse alone would also take `-5` as a year.
    const date = /^[A-Za-z]{3}, /.test(value) ? Date.parse(value) : NaN;
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/**
 * What an Octokit (or fetch) failure says, with what was asked: `GET
 * https://api.github.com/repos/o/r/pulls: HTTP 404: Not Found` when the
 * server answered, the system's reason (`bad port`, `connect ECONNREFUSED …`,
 * `Invalid URL`) with the URL when it could not be asked.
 */
function describeRequestFailure(error) {
    const fields = (typeof error === 'object' && error !== null ? error : {});
    const request = fields.request?.method && fields.request.url ? `${fields.request.method} ${fields.request.url}: ` : '';
    if (fields.response?.status)
        return `${request}HTTP ${fields.response.status}: ${fields.message || 'no message'}`;
    if (isTimeout(error) || isTimeout(fields.cause))
        return `${request}no answer in time`;
    return `${request}${networkProblem(fields.cause ?? error)}`;
}


/***/ }),

/***/ 2450:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  requestImageUpdates: () => (/* binding */ requestImageUpdates)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./.tmp/build/src/action/markdown.js
var markdown = __webpack_require__(5691);
// EXTERNAL MODULE: ./.tmp/build/src/http/fetch.js
var fetch = __webpack_require__(4610);
;// CONCATENATED MODULE: ./.tmp/build/src/github/pulls.js

/** A call of GitHub's API that failed: what was asked, of which repository, and what that leaves undone. */
class GitHubApiError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'GitHubApiError';
    }
}
/** Opens a pull request from `head`, or updates the open one, so a re-run never opens a second. */
async function openOrUpdatePullRequest(octokit, spec) {
    const { owner, repo, head, base, title, body } = spec;
    const call = async (what, request) => {
        try {
            return await request();
        }
        catch (error) {
            throw new GitHubApiError(`GitHub API: could not ${what} in ${owner}/${repo} (${(0,fetch/* describeRequestFailure */.Tp)(error)}); branch '${head}' holds the change, but no pull request asks to merge it into '${base}'`, { cause: error });
        }
    };
    const open = await call('list the open pull requests', () => octokit.rest.pulls.list({ owner, repo, head: `${owner}:${head}`, base, state: 'open' }));
    const existing = open.data[0];
    if (existing) {
        const updated = await call(`update pull request #${existing.number}`, () => octokit.rest.pulls.update({ owner, repo, pull_number: existing.number, title, body }));
        return { url: updated.data.html_url, number: updated.data.number, created: false };
    }
    const created = await call(`open a pull request from '${head}'`, () => octokit.rest.pulls.create({ owner, repo, head, base, title, body }));
    return { url: created.data.html_url, number: created.data.number, created: true };
}

;// CONCATENATED MODULE: ./.tmp/build/src/watch/pull-request.js



/**
 * Pull-request mode: one pull request per branch written (one for the run,
 * or one per image), opened once and updated by later runs, never opened
 * twice. A branch whose moves were all overtaken asks for nothing.
 */
async function requestImageUpdates(inputs, writes, context) {
    const [owner, repo] = inputs.remote.slug.split('/');
    const octokit = (0,github/* getOctokit */.Q)(inputs.token, { baseUrl: context.apiUrl });
    const pulls = [];
    for (const write of writes.filter((candidate) => candidate.updates.length)) {
        const { updates } = write;
        const body = [
            `New image versions found in their registries, chosen by the policies of the image watch.`,
            (0,markdown/* table */.tp)(['image', 'from', 'to', 'policy'], updates.map((update) => [`\`${update.image}\``, `\`${update.from}\``, `\`${update.to}\``, update.policy])),
            `Each run of the watch rebuilds \`${write.branch}\` on the tip of \`${inputs.branch}\` with the newest versions it finds.`,
            context.runUrl ? `Found by ${context.runUrl}.` : '',
        ]
            .filter(Boolean)
            .join('\n\n');
        const pull = await openOrUpdatePullRequest(octokit, {
            owner,
            repo,
            head: write.branch,
            base: inputs.branch,
            title: updates.length === 1 ? `Update ${updates[0].image} to ${updates[0].to.split('@')[0]}` : `Update ${updates.length} images`,
            body,
        });
        pulls.push({
            url: pull.url,
            number: pull.number,
            branch: write.branch,
            images: updates.map((update) => update.image),
            created: pull.created,
        });
    }
    return pulls;
}


/***/ })

};
