export const id = 828;
export const ids = [828];
export const modules = {

/***/ 4828:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  stageSource: () => (/* binding */ stageSource)
});

// UNUSED EXPORTS: imagesAt

// EXTERNAL MODULE: ./.tmp/build/src/image/credentials.js
var credentials = __webpack_require__(6881);
// EXTERNAL MODULE: ./.tmp/build/src/image/registry.js + 1 modules
var image_registry = __webpack_require__(8845);
;// CONCATENATED MODULE: ./.tmp/build/src/image/clients.js


/**
 * One registry client per host, made when first asked for, with the
 * credentials given for that host or else those the runner stores for it: a
 * token a registry grants is then reused for every image on it.
 */
function registryClients(options) {
    const clients = new Map();
    return (host) => {
        let registry = clients.get(host);
        if (!registry) {
            registry = new image_registry/* Registry */.OR(host, {
                plainHttp: (0,image_registry/* usesPlainHttp */.Vz)(host, options.insecureRegistries),
                credentials: async () => {
                    const { given } = options;
                    return given?.host === host
                        ? { username: given.username, password: given.password }
                        : (0,credentials/* storedCredentials */._2)(host, { env: options.env });
                },
                fetch: options.fetch,
                logger: options.logger,
            });
            clients.set(host, registry);
        }
        return registry;
    };
}

// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
// EXTERNAL MODULE: ./.tmp/build/src/git/tree.js
var git_tree = __webpack_require__(5712);
// EXTERNAL MODULE: ./.tmp/build/src/image/reference.js
var reference = __webpack_require__(6382);
// EXTERNAL MODULE: ./.tmp/build/src/manifest/images.js + 1 modules
var manifest_images = __webpack_require__(2224);
// EXTERNAL MODULE: ./.tmp/build/src/manifest/paths.js
var manifest_paths = __webpack_require__(9271);
// EXTERNAL MODULE: ./.tmp/build/src/manifest/updates.js
var updates = __webpack_require__(7365);
;// CONCATENATED MODULE: ./.tmp/build/src/manifest/stage-images.js
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
    const tree = new git_tree/* IndexTree */.zA(repo.git);
    const images = new Map();
    const checked = new Set();
    // The previous environment's commit is fetched once the next one's tip is
    // here: the two share most objects, so the second fetch brings only what differs.
    let source;
    const read = async () => {
        const commit = /^[0-9a-f]{40}$/.test(ref) ? await repo.fetch(ref) : await repo.fetchBranch(ref);
        if (!commit)
            throw new errors/* InputError */.d('promote-from', `branch '${ref}' does not exist in ${deps.repository}: that environment has no successful revision to promote`, "the production branch of the previous environment, such as 'env/staging/production'");
        const { files } = (0,manifest_paths/* selectManifestFiles */.lz)(await tree.entriesOf(commit), paths, 'paths');
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
                for (const image of (0,manifest_images/* findImages */.Mz)(contents[i].toString('utf8'), file.path)) {
                    if (!image.digest)
                        throw new Error(`${file.path} in ${where} names ${(0,reference/* formatImageReference */.my)(image)}, which is not pinned by digest; environments are chained by digest, so nothing was written`);
                    const key = (0,reference/* canonicalRepository */.JA)(image);
                    const seen = byRepository.get(key);
                    if (seen && seen.image.digest !== image.digest)
                        throw new Error(`${where} runs two digests of ${(0,reference/* repositoryOf */._M)(image)} (${seen.file}: ${seen.image.digest}, ${file.path}: ${image.digest}); promote them with explicit images instead`);
                    byRepository.set(key, { image, file: file.path });
                    images.set(image.digest, image);
                }
            });
            const lines = [...byRepository.values()].map(({ image }) => `${(0,reference/* repositoryOf */._M)(image)}=${(0,reference/* formatImageReference */.my)(image)}`);
            return (0,updates/* parseImageUpdates */.p)(lines, 'promote-from');
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
    const client = registryClients(deps);
    for (const image of images) {
        const host = (0,reference/* registryHost */.U$)(image);
        const registry = client(host);
        const descriptor = await registry.head((0,reference/* apiRepository */.pl)(image), image.digest);
        if (!descriptor)
            throw new Error(`${(0,reference/* formatImageReference */.my)(image)} is no longer in its registry (${host}); it cannot be promoted, so nothing was written`);
    }
}


/***/ })

};
