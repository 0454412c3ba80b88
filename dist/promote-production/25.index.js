export const id = 25;
export const ids = [25];
export const modules = {

/***/ 6025:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  requestPromotion: () => (/* binding */ requestPromotion)
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

;// CONCATENATED MODULE: ./.tmp/build/src/github/promotion-request.js



/**
 * Pull-request mode: asks for the promotion to be merged into a protected
 * branch; returns the pull request's URL, or '' when the promotion pushed no
 * branch for review.
 */
async function requestPromotion(inputs, result, context) {
    if (!result.reviewBranch)
        return '';
    if (!inputs.token)
        throw new Error("input 'token': is required in pull-request mode; expected a token with pull-requests: write");
    const [owner, repo] = inputs.remote.slug.split('/');
    const octokit = (0,github/* getOctokit */.Q)(inputs.token, { baseUrl: context.apiUrl });
    const body = [
        `Records env-repository commit \`${result.source}\` on \`${inputs.branch}\`.`,
        context.runUrl ? `Deployed and checked by ${context.runUrl}.` : '',
        (0,markdown/* fenced */.OF)('', result.message.trim()),
    ]
        .filter(Boolean)
        .join('\n\n');
    const pull = await openOrUpdatePullRequest(octokit, {
        owner,
        repo,
        head: result.reviewBranch,
        base: inputs.branch,
        title: result.title,
        body,
    });
    return pull.url;
}


/***/ })

};
