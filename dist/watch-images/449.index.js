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
    overtaken: 'kept: the branch moved during the run to a version at least as new',
    current: 'up to date',
    'downgrade-refused': 'kept: the newest allowed is older',
    'no-match': 'kept: no tag fits the policy',
    'not-deployed': 'skipped: no manifest references it',
};
function code(text) {
    return text ? `\`${text}\`` : '—';
}
/** The step's outputs. */
function watchOutputs(result, pulls) {
    return {
        changed: result.changed,
        commit: result.writes
            .map((write) => write.commit)
            .filter(Boolean)
            .join('\n'),
        updates: JSON.stringify(result.updates),
        'pull-request': pulls.map((pull) => pull.url).join('\n'),
        'pull-requests': JSON.stringify(pulls),
    };
}
const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
/** One line for the log and the summary's head. */
function watchHeadline(inputs, result, pulls) {
    const repository = inputs.remote.slug ?? inputs.remote.url;
    const moved = result.updates.length;
    const images = plural(moved, 'image');
    const overtaken = result.checks.filter((check) => check.outcome === 'overtaken').length;
    if (!moved) {
        const why = overtaken
            ? `\`${inputs.branch}\` moved during the run to versions at least as new for ${plural(overtaken, 'image')}`
            : 'nothing to move';
        return `Checked ${plural(result.checks.length, 'image')}: ${why}, no commit.`;
    }
    const branches = result.writes.filter((write) => write.updates.length).map((write) => `\`${write.branch}\``);
    const where = `${branches.join(', ')} of ${repository}`;
    if (inputs.dryRun)
        return `Dry run: ${images} would move; nothing pushed to ${where}.`;
    if (inputs.mode === 'pull-request' && inputs.pullRequestPer === 'image') {
        const opened = pulls.filter((pull) => pull.created).length;
        const links = pulls.map((pull) => (0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)(`#${pull.number}`, pull.url)).join(', ');
        return `${images} moved in ${plural(pulls.length, 'pull request')} into \`${inputs.branch}\` (${opened} opened, ${pulls.length - opened} updated): ${links}.`;
    }
    const pull = pulls.length
        ? `; ${(0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)('pull request', pulls[0].url)} into \`${inputs.branch}\` ${pulls[0].created ? 'opened' : 'updated'}`
        : '';
    const [write] = result.writes;
    if (!result.changed)
        return `${where} already holds the ${images} found: no new commit${pull}.`;
    return `Committed ${write.commit.slice(0, 7)} moving ${images} to ${where}${pull}.`;
}
/**
 * The job summary: one row per image, each fact once — the policy, what the
 * manifests hold, what the registry offers, and what was done.
 */
function watchSummary(inputs, result, context, pulls) {
    const commit = result.writes[0]?.commit ?? '';
    const commitUrl = result.changed && inputs.remote.slug && inputs.remote.url.startsWith(context.serverUrl)
        ? context.commitUrl(inputs.remote.slug, commit)
        : undefined;
    const headline = watchHeadline(inputs, result, pulls).replace(commit.slice(0, 7) || '\0', (0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .link */ .nf)(commit.slice(0, 7), commitUrl));
    const rows = result.checks.map((check) => [
        code(check.image),
        check.policy,
        check.froms.length > 1 ? check.froms.map(code).join(', ') : code(check.from),
        check.outcome === 'moved' ? `${code(check.newest)} ${code(check.digest)}` : code(check.newest),
        `${check.candidates} of ${check.tags}`,
        `${RESULT[check.outcome]}${check.overtakenBy ? `: \`${check.overtakenBy}\`` : ''}${check.vanished ? `; \`${check.vanished}\` is no longer in the registry` : ''}`,
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
