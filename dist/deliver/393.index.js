export const id = 393;
export const ids = [393];
export const modules = {

/***/ 9393:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   appCommitAuthor: () => (/* binding */ appCommitAuthor)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var _git_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6190);


/**
 * Who wrote the app commit being delivered: from the push event when it
 * describes that commit, else from the checked-out workspace. Unknown is fine;
 * the commit is then recorded without a co-author.
 */
async function appCommitAuthor(context) {
    if (context.eventPath) {
        try {
            const event = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(context.eventPath, 'utf8'));
            const author = event.head_commit?.author;
            if (event.head_commit?.id === context.sha && author?.name && author.email)
                return { name: author.name, email: author.email };
        }
        catch {
            // No readable event: fall through to the workspace.
        }
    }
    if (!context.sha)
        return undefined;
    const result = await new _git_js__WEBPACK_IMPORTED_MODULE_1__/* .Git */ .TU(context.workspace).tryRun(['log', '-1', '--format=%an%x00%ae', context.sha, '--']);
    const [name, email] = result.stdout.trim().split('\0');
    return result.code === 0 && name && email ? { name, email } : undefined;
}


/***/ })

};
