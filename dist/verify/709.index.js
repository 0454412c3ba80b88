export const id = 709;
export const ids = [709];
export const modules = {

/***/ 5691:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   xv: () => (/* binding */ truncate)
/* harmony export */ });
/* unused harmony exports link, fenced, details */
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

/***/ 4709:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkEnvironment: () => (/* binding */ checkEnvironment),
  verify: () => (/* binding */ verify),
  verifyStep: () => (/* binding */ verifyStep)
});

// EXTERNAL MODULE: ./.tmp/build/src/action/markdown.js
var markdown = __webpack_require__(5691);
// EXTERNAL MODULE: ./.tmp/build/src/kube/duration.js
var duration = __webpack_require__(9055);
;// CONCATENATED MODULE: ./.tmp/build/src/verify/summary.js


/** The `report` output: every check with its figures and, when it failed, its reason. */
function verifyReport(result) {
    return JSON.stringify({
        result: result.result,
        revision: result.revision,
        environment: result.environment,
        durationMs: result.durationMs,
        checks: result.checks.map((check) => ({
            kind: check.kind,
            name: check.name,
            verdict: check.verdict,
            figures: check.figures,
            ...(check.reason ? { reason: check.reason } : {}),
            durationMs: check.durationMs,
        })),
    });
}
const ICON = { passed: '✅', failed: '❌' };
/**
 * The job summary: a headline, then one row per check with its verdict, its
 * figures with their units and, for a failure, its reason, said once there
 * and nowhere else.
 */
function verifySummary(result) {
    const failed = result.checks.filter((check) => check.verdict === 'failed').length;
    const about = [
        result.revision ? `revision \`${result.revision.slice(0, 12)}\`` : '',
        result.environment ? `environment \`${result.environment}\`` : '',
        `${(0,duration/* formatDuration */.a3)(result.durationMs)}`,
    ].filter(Boolean);
    const headline = result.result === 'passed'
        ? `### Verify: ${ICON.passed} passed, ${result.checks.length} of ${result.checks.length} checks`
        : `### Verify: ${ICON.failed} failed, ${failed} of ${result.checks.length} checks`;
    return [
        headline,
        '',
        about.join(' · '),
        '',
        (0,markdown/* table */.tp)(['check', 'verdict', 'figures', 'reason'], result.checks.map((check) => [
            `${check.kind}: ${check.name}`,
            `${ICON[check.verdict]} ${check.verdict}`,
            check.shown,
            check.reason ?? '',
        ])),
        '',
    ].join('\n');
}
/** The step's error: which checks failed and why, on one line. */
function failureMessage(result) {
    const failed = result.checks.filter((check) => check.verdict === 'failed');
    if (!failed.length)
        return 'no check ran';
    return `${failed.length} of ${result.checks.length} checks failed: ${failed.map((check) => `${check.kind} ${check.name}: ${check.reason ?? 'failed'}`).join('; ')}`;
}
function passMessage(result) {
    return `passed: ${result.checks.length} ${result.checks.length === 1 ? 'check' : 'checks'} (${result.checks.map((check) => check.kind).join(', ')}) in ${(0,duration/* formatDuration */.a3)(result.durationMs)}`;
}

;// CONCATENATED MODULE: ./.tmp/build/src/verify/verify.js

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
        const { runHttpChecks } = await __webpack_require__.e(/* import() */ 579).then(__webpack_require__.bind(__webpack_require__, 9579));
        record(await runHttpChecks(inputs.http, { fetch: deps.fetch, now, signal }));
    }
    if (inputs.load && !signal?.aborted) {
        const { runLoadCheck } = await __webpack_require__.e(/* import() */ 698).then(__webpack_require__.bind(__webpack_require__, 9698));
        record([await runLoadCheck(inputs.load, { client: deps.loadClient, now, signal })]);
    }
    if (inputs.job && !signal?.aborted) {
        const { runJobCheck } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(927)]).then(__webpack_require__.bind(__webpack_require__, 4927));
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
        const { runCommandCheck } = await __webpack_require__.e(/* import() */ 94).then(__webpack_require__.bind(__webpack_require__, 8094));
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
/** verify's use case: failed checks fail the step, after its outputs and summary. */
async function verifyStep(inputs, deps) {
    const result = await verify(inputs, deps);
    const passed = result.result === 'passed';
    return {
        outputs: { result: result.result, report: verifyReport(result) },
        summary: verifySummary(result),
        ...(passed ? { notice: { message: `verify: ${passMessage(result)}` } } : { failure: failureMessage(result) }),
    };
}


/***/ })

};
