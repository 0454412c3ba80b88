export const id = 912;
export const ids = [912];
export const modules = {

/***/ 1912:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   stageSource: () => (/* binding */ stageSource)
/* harmony export */ });
/* unused harmony export imagesAt */
/* harmony import */ var _image_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6333);
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5313);
/* harmony import */ var _git_tree_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5712);
/* harmony import */ var _image_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6382);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2224);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9271);
/* harmony import */ var _updates_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7365);
/**
 * Promotion from one environment to the next: the images the previous
 * environment ran, read from its success history (its production branch) by
 * digest, become patch-manifest's updates for the next environment's
 * candidate branch. Never a rebuild, never a lookup of a mutable tag: an image
 * there that carries no digest, or whose digest its registry no longer holds,
 * stops the promotion before anything is written.
 */







/** The images of every manifest of `commit` under `paths`, with the file each was found in. */
async function imagesAt(repo, commit, paths) {
    const tree = new IndexTree(repo.git);
    const { files } = selectManifestFiles(await tree.entriesOf(commit), paths, 'paths');
    const contents = await tree.read(files.map((file) => file.object));
    return files.flatMap((file, i) => findImages(contents[i].toString('utf8'), file.path).map((image) => ({ image, file: file.path })));
}
async function stageSource(repo, ref, paths, deps) {
    const tree = new _git_tree_js__WEBPACK_IMPORTED_MODULE_6__/* .IndexTree */ .zA(repo.git);
    const images = new Map();
    const checked = new Set();
    // The previous environment's commit is fetched once the next one's tip is
    // here: the two share most objects, so the second fetch brings only what differs.
    let source;
    const read = async () => {
        const commit = /^[0-9a-f]{40}$/.test(ref) ? await repo.fetch(ref) : await repo.fetchBranch(ref);
        if (!commit)
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('promote-from', `branch '${ref}' does not exist in ${deps.repository}: that environment has no successful revision to promote`, "the production branch of the previous environment, such as 'env/staging/production'");
        const { files } = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .selectManifestFiles */ .lz)(await tree.entriesOf(commit), paths, 'paths');
        const trailers = (await repo.message(commit))
            .trim()
            .split('\n')
            .filter((line) => /^(Source-Commit|Image): /.test(line))
            .filter((line, index, all) => all.indexOf(line) === index);
        return { commit, files, trailers };
    };
    const stage = {
        ref,
        commit: '',
        trailers: [],
        async updatesFor(target) {
            source ??= await read();
            Object.assign(stage, { commit: source.commit, trailers: source.trailers });
            const where = `${ref} (${source.commit.slice(0, 7)})`;
            const same = new Set(target.map((entry) => `${entry.path}\0${entry.object}`));
            const differing = source.files.filter((file) => !same.has(`${file.path}\0${file.object}`));
            const contents = await tree.read(differing.map((file) => file.object));
            const byRepository = new Map();
            differing.forEach((file, i) => {
                for (const image of (0,_images_js__WEBPACK_IMPORTED_MODULE_3__/* .findImages */ .Mz)(contents[i].toString('utf8'), file.path)) {
                    if (!image.digest)
                        throw new Error(`${file.path} in ${where} names ${(0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageReference */ .my)(image)}, which is not pinned by digest; environments are chained by digest, so nothing was written`);
                    const key = (0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalRepository */ .JA)(image);
                    const seen = byRepository.get(key);
                    if (seen && seen.image.digest !== image.digest)
                        throw new Error(`${where} runs two digests of ${(0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .repositoryOf */ ._M)(image)} (${seen.file}: ${seen.image.digest}, ${file.path}: ${image.digest}); promote them with explicit images instead`);
                    byRepository.set(key, { image, file: file.path });
                    images.set(image.digest, image);
                }
            });
            const lines = [...byRepository.values()].map(({ image }) => `${(0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .repositoryOf */ ._M)(image)}=${(0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageReference */ .my)(image)}`);
            return (0,_updates_js__WEBPACK_IMPORTED_MODULE_5__/* .parseImageUpdates */ .p)(lines, 'promote-from');
        },
        async checkWritten(changes) {
            const digests = (text) => new Set(text.match(/sha256:[0-9a-f]{64}/g) ?? []);
            const written = changes.flatMap(({ before, after }) => {
                const old = digests(before);
                return [...digests(after)].filter((digest) => !old.has(digest) && images.has(digest) && !checked.has(digest));
            });
            const unique = [...new Set(written)];
            await checkInRegistries(unique.map((digest) => images.get(digest)), deps);
            for (const digest of unique)
                checked.add(digest);
        },
    };
    return stage;
}
/** Every digest must still be in its registry: the next environment would otherwise fail to pull it. */
async function checkInRegistries(images, deps) {
    const client = (0,_image_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .registryClients */ .K)(deps);
    for (const image of images) {
        const host = (0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .registryHost */ .U$)(image);
        const registry = client(host);
        const descriptor = await registry.head((0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .apiRepository */ .pl)(image), image.digest);
        if (!descriptor)
            throw new Error(`${(0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageReference */ .my)(image)} is no longer in its registry (${host}); it cannot be promoted, so nothing was written`);
    }
}


/***/ })

};
