export const id = 132;
export const ids = [132];
export const modules = {

/***/ 2132:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kubeconfigPath: () => (/* binding */ kubeconfigPath),
/* harmony export */   kubeconfigSecrets: () => (/* binding */ kubeconfigSecrets)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8815);
/* harmony import */ var _deploy_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8268);




/** The file kubectl should read: the given path, or the inline content written to `dir` readable by us alone. */
async function kubeconfigPath(value, dir) {
    if (!value)
        return undefined;
    if (!(0,_deploy_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .isInlineKubeconfig */ .Py)(value))
        return value;
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'kubeconfig');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, value.endsWith('\n') ? value : `${value}\n`, { mode: 0o600 });
    return path;
}
const SECRET_KEYS = new Set([
    'token',
    'password',
    'client-key-data',
    'client-certificate-data',
    'access-token',
    'refresh-token',
    'id-token',
    'client-secret',
]);
/**
 * The credentials in an inline kubeconfig, each to be masked on its own: the
 * runner masks line by line, so masking the whole multi-line text would
 * hide nothing.
 */
function kubeconfigSecrets(value) {
    if (!(0,_deploy_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .isInlineKubeconfig */ .Py)(value))
        return [];
    const found = [];
    const visit = (node) => {
        if (Array.isArray(node))
            node.forEach(visit);
        else if (node && typeof node === 'object') {
            for (const [key, child] of Object.entries(node)) {
                if (SECRET_KEYS.has(key) && typeof child === 'string' && child.length >= 6)
                    found.push(child);
                else
                    visit(child);
            }
        }
    };
    try {
        visit((0,yaml__WEBPACK_IMPORTED_MODULE_2__.parse)(value));
    }
    catch {
        // Unparseable: kubectl will say so; mask every line that could hold a credential.
        found.push(...value
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line.length >= 16));
    }
    return found;
}


/***/ })

};
