export const id = 962;
export const ids = [962];
export const modules = {

/***/ 2962:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   prepareReleaseTags: () => (/* binding */ prepareReleaseTags)
/* harmony export */ });
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1655);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6382);


/**
 * Points `tags` (such as `production`) at every image a promoted revision
 * deploys, each in its own registry and by the digest the revision names or
 * the registry resolves its tag to: a manifest PUT under a new tag, no pull,
 * no layer pushed. The registry then shows which image is live.
 *
 * Two steps, so that a missing image stops the promotion before anything is
 * recorded: this resolves every image now and returns the tagging to do once
 * the revision is on the production branch.
 */
async function prepareReleaseTags(images, tags, deps) {
    const unique = new Map(images.map((image) => [`${(0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalRepository */ .JA)(image)}@${image.digest ?? image.tag}`, image]));
    const client = (0,_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .registryClients */ .K)(deps);
    const resolved = [];
    for (const image of unique.values()) {
        const host = (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .registryHost */ .U$)(image);
        const registry = client(host);
        const repository = (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .apiRepository */ .pl)(image);
        const manifest = await registry.manifest(repository, image.digest ?? image.tag ?? 'latest');
        if (!manifest)
            throw new Error(`${(0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .formatImageReference */ .my)(image)} is not in its registry, so it cannot be tagged ${tags.join(', ')}; nothing was promoted`);
        resolved.push({ image, registry, repository, manifest });
    }
    return async () => {
        const tagged = [];
        for (const { image, registry, repository, manifest } of resolved) {
            for (const tag of tags)
                await registry.putManifest(repository, tag, manifest);
            const name = (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .formatImageReference */ .my)({ ...image, tag: undefined, digest: undefined });
            deps.logger.info(`tagged ${name}@${manifest.digest} as ${tags.join(', ')}`);
            tagged.push({ image: name, digest: manifest.digest, tags });
        }
        return tagged;
    };
}


/***/ })

};
