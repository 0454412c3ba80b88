export const id = 449;
export const ids = [449];
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

/***/ 2449:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   watchHeadline: () => (/* binding */ watchHeadline),
/* harmony export */   watchOutputs: () => (/* binding */ watchOutputs),
/* harmony export */   watchSummary: () => (/* binding */ watchSummary)
/* harmony export */ });
/* harmony import */ var _action_markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5691);

const RESULT = {
    moved: 'moved',
    current: 'up to date',
    'downgrade-refused': 'kept: the newest allowed is older',
    'no-match': 'kept: no tag fits the policy',
    'not-deployed': 'skipped: no manifest references it',
};
function code(text) {
    return text ? `\`${text}\`` : '—';
}
/** The step's outputs. */
function watchOutputs(result, pullRequest) {
    return { changed: result.changed, commit: result.commit, updates: JSON.stringify(result.updates), 'pull-request': pullRequest };
}
/** One line for the log and the summary's head. */
function watchHeadline(inputs, result, pullRequest) {
    const where = `\`${result.wroteTo ?? inputs.branch}\` of ${inputs.remote.slug ?? inputs.remote.url}`;
    const moved = result.updates.length;
    const images = `${moved} image${moved === 1 ? '' : 's'}`;
    if (!moved)
        return `Checked ${result.checks.length} image${result.checks.length === 1 ? '' : 's'}: nothing to move, no commit.`;
    if (inputs.dryRun)
        return `Dry run: ${images} would move; nothing pushed to ${where}.`;
    const pull = pullRequest ? `; ${(0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)('pull request', pullRequest)} into \`${inputs.branch}\`` : '';
    if (!result.changed)
        return `${where} already holds the ${images} found: no new commit${pull}.`;
    return `Committed ${result.commit.slice(0, 7)} moving ${images} to ${where}${pull}.`;
}
/**
 * The job summary: one row per image, each fact once — the policy, what the
 * manifests hold, what the registry offers, and what was done.
 */
function watchSummary(inputs, result, context, pullRequest) {
    const commitUrl = result.changed && inputs.remote.slug && inputs.remote.url.startsWith(context.serverUrl)
        ? context.commitUrl(inputs.remote.slug, result.commit)
        : undefined;
    const headline = watchHeadline(inputs, result, pullRequest).replace(result.commit.slice(0, 7) || '\0', (0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)(result.commit.slice(0, 7), commitUrl));
    const rows = result.checks.map((check) => [
        code(check.image),
        check.policy,
        check.froms.length > 1 ? check.froms.map(code).join(', ') : code(check.from),
        check.outcome === 'moved' ? `${code(check.newest)} ${code(check.digest)}` : code(check.newest),
        `${check.candidates} of ${check.tags}`,
        `${RESULT[check.outcome]}${check.vanished ? `; \`${check.vanished}\` is no longer in the registry` : ''}`,
    ]);
    const lines = [
        '### watch-images',
        '',
        headline,
        '',
        `Read from \`${result.readFrom.branch}\` at ${result.readFrom.commit.slice(0, 7)}.`,
        '',
        (0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .table */ .tp)(['image', 'policy', 'in the manifests', 'newest allowed', 'tags fitting', 'result'], rows),
        '',
    ];
    if (result.diff)
        lines.push((0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .details */ .zH)('The change', (0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .fenced */ .OF)('diff', (0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(result.diff, 60_000))), '');
    return lines.join('\n');
}


/***/ })

};
