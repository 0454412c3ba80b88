export const id = 104;
export const ids = [104];
export const modules = {

/***/ 5558:
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

/***/ 4104:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   failureMessage: () => (/* binding */ failureMessage),
/* harmony export */   passMessage: () => (/* binding */ passMessage),
/* harmony export */   verifyReport: () => (/* binding */ verifyReport),
/* harmony export */   verifySummary: () => (/* binding */ verifySummary)
/* harmony export */ });
/* harmony import */ var _action_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5558);
/* harmony import */ var _kube_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7322);


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
        `${(0,_kube_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(result.durationMs)}`,
    ].filter(Boolean);
    const headline = result.result === 'passed'
        ? `### Verify: ${ICON.passed} passed, ${result.checks.length} of ${result.checks.length} checks`
        : `### Verify: ${ICON.failed} failed, ${failed} of ${result.checks.length} checks`;
    return [
        headline,
        '',
        about.join(' · '),
        '',
        (0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['check', 'verdict', 'figures', 'reason'], result.checks.map((check) => [
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
    return `passed: ${result.checks.length} ${result.checks.length === 1 ? 'check' : 'checks'} (${result.checks.map((check) => check.kind).join(', ')}) in ${(0,_kube_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(result.durationMs)}`;
}


/***/ })

};
