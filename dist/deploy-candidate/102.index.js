export const id = 102;
export const ids = [102];
export const modules = {

/***/ 1102:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deploymentOctokit: () => (/* binding */ deploymentOctokit),
/* harmony export */   startDeployment: () => (/* binding */ startDeployment)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7221);
/* harmony import */ var _http_fetch_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5041);


/** GitHub caps a status description at 140 characters. */
const short = (text) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
/**
 * Records the deployment on GitHub (the environment's page, the commit's
 * deployments): created, then in_progress, then success or failure. GitHub
 * being unreachable never fails a deployment to the cluster, which is the
 * point of the step: it becomes a warning.
 */
async function startDeployment(octokit, spec, logger) {
    const [owner, repo] = spec.repository.split('/');
    const warn = (what, error) => logger.warning(`GitHub deployment: could not ${what} in ${spec.repository} (${(0,_http_fetch_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRequestFailure */ .Tp)(error)}); the deployment to the cluster goes on, only its record on GitHub is missing`);
    let id;
    try {
        const created = await octokit.rest.repos.createDeployment({
            owner,
            repo,
            ref: spec.ref,
            environment: spec.environment,
            description: short(spec.description),
            payload: spec.payload,
            auto_merge: false,
            // The checks already ran before the candidate was pushed; the environment's own rules still apply.
            required_contexts: [],
            production_environment: spec.environment === 'production',
        });
        if (!('id' in created.data))
            throw new Error(created.data.message ?? 'GitHub did not create it');
        id = created.data.id;
        await octokit.rest.repos.createDeploymentStatus({
            owner,
            repo,
            deployment_id: id,
            state: 'in_progress',
            log_url: spec.logUrl || undefined,
            description: 'rolling out',
        });
    }
    catch (error) {
        warn(`record the deployment to ${spec.environment}`, error);
        return { finish: async () => undefined };
    }
    return {
        id,
        async finish(state, description) {
            try {
                await octokit.rest.repos.createDeploymentStatus({
                    owner,
                    repo,
                    deployment_id: id,
                    state,
                    log_url: spec.logUrl || undefined,
                    description: short(description),
                    auto_inactive: state === 'success',
                });
            }
            catch (error) {
                warn(`set the deployment's status to ${state}`, error);
            }
        },
    };
}
function deploymentOctokit(token, context) {
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, { baseUrl: context.apiUrl });
}


/***/ }),

/***/ 5041:
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


/***/ })

};
