export const id = 17;
export const ids = [17];
export const modules = {

/***/ 7017:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   withDeploymentRecord: () => (/* binding */ withDeploymentRecord)
/* harmony export */ });
/* unused harmony exports startDeployment, deploymentOctokit */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5313);
/* harmony import */ var _http_fetch_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4610);



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
    const warn = (what, error) => logger.warning(`GitHub deployment: could not ${what} in ${spec.repository} (${(0,_http_fetch_js__WEBPACK_IMPORTED_MODULE_2__/* .describeRequestFailure */ .Tp)(error)}); the deployment to the cluster goes on, only its record on GitHub is missing`);
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
/**
 * Runs `deploy` inside a GitHub deployment of the run's repository: in
 * progress while it runs, then success or failure as `outcome` reads its
 * result, or failure with the error it threw.
 */
async function withDeploymentRecord(token, context, request, logger, deploy, outcome) {
    const record = await startDeployment(deploymentOctokit(token, context), { ...request, repository: context.repository, logUrl: context.runUrl }, logger);
    let result;
    try {
        result = await deploy();
    }
    catch (error) {
        await record.finish('failure', (0,_action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .U)(error));
        throw error;
    }
    await record.finish(...outcome(result));
    return result;
}


/***/ })

};
