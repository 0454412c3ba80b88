export const id = 683;
export const ids = [683];
export const modules = {

/***/ 1683:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkEnvironment: () => (/* binding */ checkEnvironment),
/* harmony export */   verify: () => (/* binding */ verify)
/* harmony export */ });
/** What checks get to know about the revision: as environment variables of the command and of the Job's containers. */
function checkEnvironment(inputs) {
    const urls = [...(inputs.http?.checks.map((check) => check.target.url) ?? []), ...(inputs.load ? [inputs.load.target.url] : [])];
    return {
        VERIFY_REVISION: inputs.revision,
        VERIFY_ENVIRONMENT: inputs.environment,
        VERIFY_NAMESPACE: inputs.namespace,
        VERIFY_PREVIEW_URL: inputs.previewUrl,
        VERIFY_URLS: [...new Set(urls)].join('\n'),
        VERIFY_LOAD_URL: inputs.load?.target.url ?? '',
    };
}
/**
 * Runs the checks asked for, one kind after another (http, load, job,
 * command) so that none skews another's figures, and every one of them
 * whatever the others found: the report has them all. The revision passes
 * when every check passed.
 */
async function verify(inputs, deps) {
    const now = deps.now ?? (() => performance.now());
    const started = now();
    const { logger, signal } = deps;
    const env = checkEnvironment(inputs);
    const checks = [];
    const record = (results) => {
        for (const check of results) {
            checks.push(check);
            const line = `${check.name}: ${check.verdict}: ${check.shown}${check.reason ? `: ${check.reason}` : ''}`;
            if (check.verdict === 'passed')
                logger.info(line);
            else
                logger.warning(line);
        }
    };
    if (inputs.http) {
        const { runHttpChecks } = await __webpack_require__.e(/* import() */ 70).then(__webpack_require__.bind(__webpack_require__, 70));
        record(await runHttpChecks(inputs.http, { fetch: deps.fetch, now, signal }));
    }
    if (inputs.load && !signal?.aborted) {
        const { runLoadCheck } = await __webpack_require__.e(/* import() */ 436).then(__webpack_require__.bind(__webpack_require__, 2436));
        record([await runLoadCheck(inputs.load, { client: deps.loadClient, now, signal })]);
    }
    if (inputs.job && !signal?.aborted) {
        const { runJobCheck } = await Promise.all(/* import() */[__webpack_require__.e(207), __webpack_require__.e(919)]).then(__webpack_require__.bind(__webpack_require__, 4919));
        const settings = {
            source: inputs.job.source,
            namespace: inputs.namespace,
            timeoutMs: inputs.timeoutMs,
            env,
            revision: inputs.revision,
        };
        record([
            await runJobCheck(settings, {
                kubectl: await deps.kubectl(),
                logger,
                workdir: deps.workdir,
                workspace: deps.workspace,
                gitExec: deps.gitExec,
                now,
                signal,
            }),
        ]);
    }
    if (inputs.command && !signal?.aborted) {
        const { runCommandCheck } = await __webpack_require__.e(/* import() */ 773).then(__webpack_require__.bind(__webpack_require__, 773));
        const settings = { script: inputs.command.script, timeoutMs: inputs.timeoutMs, cwd: deps.workspace, env };
        record([await runCommandCheck(settings, { logger, spawn: deps.spawn, now, signal })]);
    }
    return {
        result: checks.length > 0 && checks.every((check) => check.verdict === 'passed') && !signal?.aborted ? 'passed' : 'failed',
        checks,
        revision: inputs.revision,
        environment: inputs.environment,
        durationMs: Math.round(now() - started),
    };
}


/***/ })

};
