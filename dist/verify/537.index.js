export const id = 537;
export const ids = [537,918];
export const modules = {

/***/ 7918:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   finish: () => (/* binding */ finish),
/* harmony export */   log: () => (/* binding */ log),
/* harmony export */   setOutputs: () => (/* binding */ setOutputs),
/* harmony export */   writeSummary: () => (/* binding */ writeSummary)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _step_outputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9873);


/**
 * The door's way out: outputs, annotations and the job summary. Loaded only
 * after the inputs parsed, so a rejected input never pays for @actions/core.
 */
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs)) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, String(value));
        (0,_step_outputs_js__WEBPACK_IMPORTED_MODULE_1__/* .recordOutput */ .T)(name, String(value));
    }
}
async function writeSummary(markdown) {
    // Outside a runner there is no summary file; the log already has the content.
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(markdown, true).write();
}
const log = {
    info: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(message),
    warning: (message, file) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message, file ? { file } : undefined),
    error: (message, file) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(message, file ? { file } : undefined),
    group: (name, body) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(name, body),
};
/** Reports a use case's result as every door does: outputs, a log line, the job summary, then the failure as the step's error. */
async function finish({ outputs, summary, notice, failure }) {
    setOutputs(outputs);
    if (notice?.warning)
        log.warning(notice.message);
    else if (notice)
        log.info(notice.message);
    if (summary)
        await writeSummary(summary);
    if (failure !== undefined)
        throw typeof failure === 'string' ? new Error(failure) : failure;
}


/***/ }),

/***/ 9873:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ recordedOutputs),
/* harmony export */   T: () => (/* binding */ recordOutput)
/* harmony export */ });
/**
 * The outputs this step has set, kept in memory as well as written for the
 * runner, so that what happens after the body (the step's notification) can
 * report them. Later values replace earlier ones, as the runner reads them.
 */
const outputs = new Map();
function recordOutput(name, value) {
    outputs.delete(name);
    outputs.set(name, value);
}
function recordedOutputs() {
    return Object.fromEntries(outputs);
}


/***/ })

};
