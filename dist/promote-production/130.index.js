export const id = 130;
export const ids = [130];
export const modules = {

/***/ 6382:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JA: () => (/* binding */ canonicalRepository),
/* harmony export */   RB: () => (/* binding */ sameRepository),
/* harmony export */   U$: () => (/* binding */ registryHost),
/* harmony export */   _M: () => (/* binding */ repositoryOf),
/* harmony export */   my: () => (/* binding */ formatImageReference),
/* harmony export */   o_: () => (/* binding */ parseImageReference),
/* harmony export */   pl: () => (/* binding */ apiRepository),
/* harmony export */   sx: () => (/* binding */ DEFAULT_REGISTRY)
/* harmony export */ });
/* unused harmony export InvalidReferenceError */
const DEFAULT_REGISTRY = 'docker.io';
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?$/;
const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([A-Za-z0-9=_-]+)$/;
class InvalidReferenceError extends Error {
    reference;
    constructor(reference, reason) {
        super(`'${reference}' is not a valid image reference: ${reason}`);
        this.reference = reference;
        this.name = 'InvalidReferenceError';
    }
}
/** A first component is a registry when it looks like a host, as docker decides it. */
function isRegistryHost(component) {
    return component.includes('.') || component.includes(':') || component === 'localhost' || /^\[.*\]$/.test(component);
}
function parseImageReference(text) {
    const fail = (reason) => {
        throw new InvalidReferenceError(text, reason);
    };
    if (!text)
        fail('it is empty');
    if (/\s/.test(text))
        fail('it contains white space');
    let rest = text;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        const match = DIGEST.exec(digest);
        if (!match)
            fail(`digest '${digest}' is not of the form algorithm:hex`);
        if (match[1] === 'sha256' && !/^[a-f0-9]{64}$/.test(match[2]))
            fail('a sha256 digest has 64 lowercase hex digits');
    }
    const slash = rest.indexOf('/');
    let registry = '';
    if (slash > 0 && isRegistryHost(rest.slice(0, slash))) {
        registry = rest.slice(0, slash);
        rest = rest.slice(slash + 1);
        if (!HOST.test(registry))
            fail(`registry '${registry}' is not a host name with an optional port`);
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon >= 0) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag))
            fail(`tag '${tag}' must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`);
    }
    const path = rest;
    if (!path)
        fail('it names no repository');
    for (const component of path.split('/')) {
        if (!PATH_COMPONENT.test(component)) {
            fail(component.includes(':')
                ? 'it has more than one tag'
                : `repository component '${component}' must be lowercase letters and digits, separated by '.', '_', '__' or '-'`);
        }
    }
    if ((registry ? registry.length + 1 : 0) + path.length > 255)
        fail('the repository name is longer than 255 characters');
    return { registry, path, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}
/** `registry/path` as written (no tag, no digest). */
function repositoryOf(ref) {
    return ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
}
/** The full canonical repository, e.g. `docker.io/library/nginx` for `nginx`. */
function canonicalRepository(ref) {
    const registry = ref.registry === 'index.docker.io' || ref.registry === 'registry-1.docker.io' ? DEFAULT_REGISTRY : ref.registry || DEFAULT_REGISTRY;
    const path = registry === DEFAULT_REGISTRY && !ref.path.includes('/') ? `library/${ref.path}` : ref.path;
    return `${registry}/${path}`;
}
function formatImageReference(ref) {
    return `${repositoryOf(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}
function sameRepository(a, b) {
    return canonicalRepository(a) === canonicalRepository(b);
}
/** The registry's host for a reference: Docker Hub when none is written. */
function registryHost(ref) {
    return ref.registry || DEFAULT_REGISTRY;
}
/** The repository's path in the registry's API: `library/nginx` for `nginx`. */
function apiRepository(ref) {
    const canonical = canonicalRepository(ref);
    return canonical.slice(canonical.indexOf('/') + 1);
}


/***/ }),

/***/ 1130:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  findImages: () => (/* binding */ findImages)
});

// UNUSED EXPORTS: MAX_MANIFEST_BYTES, ManifestError, parseImageUpdates, patchManifestText, patchTree

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./.tmp/build/src/image/reference.js
var reference = __webpack_require__(6382);
;// CONCATENATED MODULE: ./.tmp/build/src/manifest/yaml-patch.js
/**
 * Surgical edits of YAML text. Every edit is a splice of the original string
 * at the source ranges the `yaml` parser reports, so whatever is not edited —
 * comments, quoting, indentation, flow style, anchors, line endings — stays
 * byte for byte. Nothing here ever re-serialises a document.
 */

/** Applies edits made against `text`; they must not overlap. */
function applyEdits(text, edits) {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    let result = '';
    let at = 0;
    for (const edit of sorted) {
        if (edit.start < at)
            throw new Error(`overlapping edits at offset ${edit.start}`);
        result += text.slice(at, edit.start) + edit.text;
        at = edit.end;
    }
    return result + text.slice(at);
}
/**
 * A scalar's text as the author meant it: plain `1.0` is the tag "1.0", not
 * the number 1. Undefined for anything but a plain or quoted scalar: a block
 * scalar's range ends past its line break, so it is never edited.
 */
function scalarText(node) {
    if (!(0,dist/* isScalar */.jn)(node) || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
        return undefined;
    if (typeof node.value === 'string')
        return node.value;
    if (node.type === 'PLAIN' && node.value !== null && typeof node.source === 'string')
        return node.source;
    return undefined;
}
/** Whether a scalar is present but empty (`tag:`, `tag: ~`, `tag: ""`), which an edit may fill. */
function isEmptyScalar(node) {
    return (0,dist/* isScalar */.jn)(node) && (node.value === null || node.value === '');
}
const PLAIN_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_./:@+-]*$/;
/**
 * Whether `value` can be written unquoted and still read back as the same
 * string, by YAML 1.2 readers and by the YAML 1.1 ones Kubernetes and Helm use
 * (where `yes`, `1_0` and `2024-01-01` are not strings).
 */
function isPlainSafe(value) {
    return PLAIN_SAFE.test(value) && !value.endsWith(':') && (0,dist/* parse */.qg)(value) === value && (0,dist/* parse */.qg)(value, { version: '1.1' }) === value;
}
function plainOrQuoted(value) {
    return isPlainSafe(value) ? value : JSON.stringify(value);
}
/** Replaces a scalar's value, in the scalar's own quoting style. */
function setScalar(text, node, value) {
    const [start, end] = node.range;
    let written;
    switch (node.type) {
        case 'QUOTE_DOUBLE':
            written = JSON.stringify(value);
            break;
        case 'QUOTE_SINGLE':
            written = `'${value.replace(/'/g, "''")}'`;
            break;
        default:
            written = plainOrQuoted(value);
    }
    // `tag:` with no value: the empty scalar sits right after the colon.
    if (start === end && text[start - 1] === ':')
        written = ` ${written}`;
    return { start, end, text: written };
}
/** The line break the text already uses, so that added lines match it. */
function lineBreakOf(text) {
    const lf = text.indexOf('\n');
    return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}
function lineStart(text, offset) {
    return text.lastIndexOf('\n', offset - 1) + 1;
}
/** Offset just past the line break ending the line that holds `offset`, or the text's end. */
function nextLineStart(text, offset) {
    if (offset > 0 && text[offset - 1] === '\n')
        return offset;
    const lf = text.indexOf('\n', offset);
    return lf < 0 ? text.length : lf + 1;
}
function endOf(pair) {
    const node = (pair.value ?? pair.key);
    return node.range[1];
}
/**
 * Adds `key: value` pairs after a map's last pair: for a block map each on its
 * own line with the indentation of that last key, for a flow map inline.
 */
function appendPairs(text, map, pairs) {
    const last = map.items[map.items.length - 1];
    const rendered = pairs.map(([key, value]) => `${key}: ${plainOrQuoted(value)}`);
    if (map.flow || !last) {
        const at = last ? endOf(last) : map.range[0] + 1;
        return { start: at, end: at, text: (last ? ', ' : '') + rendered.join(', ') };
    }
    const keyStart = last.key.range[0];
    const indent = ' '.repeat(keyStart - lineStart(text, keyStart));
    const at = nextLineStart(text, endOf(last));
    const eol = lineBreakOf(text);
    const lines = rendered.map((line) => indent + line);
    // A map on the file's last line, with no final newline: keep it without one.
    if (at === text.length && !text.endsWith('\n'))
        return { start: at, end: at, text: eol + lines.join(eol) };
    return { start: at, end: at, text: lines.map((line) => line + eol).join('') };
}
/** Removes one pair from a map: its whole line in a block map, its `, key: value` in a flow map. */
function removePair(text, map, pair) {
    const index = map.items.indexOf(pair);
    const keyStart = pair.key.range[0];
    const next = map.items[index + 1];
    const previous = map.items[index - 1];
    if (map.flow) {
        if (previous)
            return { start: endOf(previous), end: endOf(pair), text: '' };
        return { start: keyStart, end: next ? next.key.range[0] : endOf(pair), text: '' };
    }
    const start = lineStart(text, keyStart);
    if (text.slice(start, keyStart).trim() !== '') {
        // The pair shares its line with `- `: the next key moves up to take its place.
        if (!next)
            throw new Error('cannot remove the only pair of a sequence entry');
        return { start: keyStart, end: next.key.range[0], text: '' };
    }
    const end = nextLineStart(text, endOf(pair));
    if (end === text.length && !text.endsWith('\n') && start > 0) {
        // Removing the last line of a file with no final newline: take the break before it instead.
        return { start: start - (text[start - 2] === '\r' ? 2 : 1), end, text: '' };
    }
    return { start, end, text: '' };
}
/** 1-based line numbers of offsets in one text, computed once. */
class LineIndex {
    starts = [0];
    constructor(text) {
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
            this.starts.push(at + 1);
    }
    lineOf(offset) {
        let low = 0;
        let high = this.starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (this.starts[middle] <= offset)
                low = middle;
            else
                high = middle - 1;
        }
        return low + 1;
    }
}

// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
;// CONCATENATED MODULE: ./.tmp/build/src/manifest/updates.js


const EXPECTED = "lines of 'REF' or 'MATCH=REF', where REF is repository:tag, repository@sha256:<64 hex> or repository:tag@sha256:<64 hex>, and MATCH is a repository without tag";
/**
 * Parses the `images` input: lines of `REF` (update references of REF's
 * repository) or `MATCH=REF` (find MATCH's repository, rename it to REF's).
 * Blank lines and `#` comments are ignored.
 */
function parseImageUpdates(lines, input = 'images') {
    const updates = [];
    const seen = new Map();
    for (const raw of lines) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const fail = (problem) => {
            throw new InputError(input, `line '${line}': ${problem}`, EXPECTED);
        };
        const equals = line.indexOf('=');
        const matchText = equals >= 0 ? line.slice(0, equals).trim() : undefined;
        const targetText = equals >= 0 ? line.slice(equals + 1).trim() : line;
        const parse = (text) => {
            try {
                return parseImageReference(text);
            }
            catch (error) {
                if (error instanceof InvalidReferenceError)
                    return fail(error.message);
                throw error;
            }
        };
        const target = parse(targetText);
        if (target.tag === undefined && target.digest === undefined)
            fail(`'${targetText}' has neither a tag nor a digest`);
        let match = { registry: target.registry, path: target.path };
        if (matchText !== undefined) {
            const written = parse(matchText);
            // `nginx:1.0=nginx:2.0` would read as "only 1.0", which is not what happens.
            if (written.tag !== undefined || written.digest !== undefined) {
                fail(`MATCH '${matchText}' must name a repository only: every tag of it is updated`);
            }
            match = written;
        }
        const repository = canonicalRepository(match);
        const earlier = seen.get(repository);
        if (earlier !== undefined)
            fail(`line '${earlier}' already updates ${repositoryOf(match)}`);
        seen.set(repository, line);
        updates.push({ line, match, target });
    }
    return updates;
}

;// CONCATENATED MODULE: ./.tmp/build/src/manifest/images.js
/**
 * In-place image updates in an env repository's YAML: container images of any
 * pod template, kustomize `images:` entries and Helm values. Edits are spliced
 * into the original text (see yaml-patch.ts), so a diff shows exactly the
 * lines whose image changed and nothing else.
 */





const MAX_MANIFEST_BYTES = (/* unused pure expression or super */ null && (10 * 1024 * 1024));
/** yaml's own guard against "billion laughs": aliases per resolved node past which a document is refused. */
const MAX_ALIAS_COUNT = 100;
/** An alias token (`*name` after a space, `:` or a flow indicator); only aliases can blow up, so most files skip the check. */
const MAY_HAVE_ALIASES = /(?:^|[\s,:[{])\*[^\s,[\]{}"']/m;
/** Characters YAML does not allow in a stream (C0 controls but tab and line breaks, DEL). */
const BINARY = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
class ManifestError extends Error {
    file;
    problem;
    /** What is wrong with the file, without its name, e.g. "is larger than 10 MiB". */
    reason;
    constructor(file, message, problem = 'not-yaml') {
        super(`${file} ${message}`);
        this.file = file;
        this.problem = problem;
        this.name = 'ManifestError';
        this.reason = message;
    }
}
/**
 * Patches one file's text. Returns the new text (=== `text` when nothing
 * matched) and one change per updated image reference. Throws ManifestError
 * for text that is too big, is not YAML, or expands aliases past yaml's bound.
 */
function patchManifestText(text, updates, file = 'manifest') {
    if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES)
        throw new ManifestError(file, 'is larger than 10 MiB', 'too-large');
    if (BINARY.test(text))
        throw new ManifestError(file, 'is not YAML: it contains binary data');
    const documents = parseAllDocuments(text);
    for (const document of documents) {
        const [error] = document.errors;
        if (error)
            throw new ManifestError(file, `is not YAML: ${error.message.split('\n')[0]}`);
        if (MAY_HAVE_ALIASES.test(text))
            refuseAliasBomb(document, file);
    }
    const patcher = new Patcher(text, updates, file);
    for (const document of documents)
        patcher.document(document);
    return patcher.result();
}
/**
 * Every image reference the patch engine would consider in one file: container
 * images, Helm values images with a tag or digest, kustomize `images` entries
 * with a new tag or digest. For tagging what a revision deploys.
 */
function findImages(text, file = 'manifest') {
    const documents = (0,dist/* parseAllDocuments */.hR)(text);
    if (documents.some((document) => document.errors.length))
        return [];
    const found = [];
    const walker = new Patcher(text, [], file, found);
    for (const document of documents) {
        if (MAY_HAVE_ALIASES.test(text))
            refuseAliasBomb(document, file);
        walker.document(document);
    }
    return found;
}
function refuseAliasBomb(document, file) {
    try {
        document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (error) {
        if (error instanceof ReferenceError) {
            throw new ManifestError(file, `is refused: ${error.message} (more than ${MAX_ALIAS_COUNT} aliases per node)`, 'alias-bomb');
        }
        throw new ManifestError(file, `is not YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
}
const CONTAINER_KEYS = ['containers', 'initContainers', 'ephemeralContainers'];
function pairOf(map, key) {
    return map.items.find((pair) => scalarText(pair.key) === key);
}
function textOf(map, key) {
    return scalarText(pairOf(map, key)?.value);
}
/** A pair whose value an edit can set: absent, empty, or a plain or quoted scalar. */
function editable(pair) {
    return !pair || isEmptyScalar(pair.value) || scalarText(pair.value) !== undefined;
}
function tryParse(text) {
    if (!text)
        return undefined;
    try {
        return (0,reference/* parseImageReference */.o_)(text);
    }
    catch {
        return undefined;
    }
}
function describe(repository, tag, digest) {
    return `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}
/** Walks the documents of one text and collects the edits and changes. */
class Patcher {
    text;
    file;
    found;
    edits = [];
    changes = [];
    seen = new Set();
    byRepository = new Map();
    lines;
    current;
    /** `found` makes the walk collect every reference it meets instead of editing. */
    constructor(text, updates, file, found) {
        this.text = text;
        this.file = file;
        this.found = found;
        for (const update of updates) {
            this.byRepository.set((0,reference/* canonicalRepository */.JA)(update.match), { update, rename: !(0,reference/* sameRepository */.RB)(update.match, update.target) });
        }
    }
    result() {
        if (!this.edits.length)
            return { text: this.text, changes: [] };
        return { text: applyEdits(this.text, this.edits), changes: this.changes.sort((a, b) => a.line - b.line) };
    }
    document(document) {
        const root = document.contents;
        if (!(0,dist/* isMap */.jh)(root))
            return;
        this.current = document;
        const kind = textOf(root, 'kind');
        const apiVersion = textOf(root, 'apiVersion') ?? '';
        const kustomization = /^kustomization\.ya?ml$/i.test((0,external_node_path_.basename)(this.file)) ||
            kind === 'Kustomization' ||
            (kind === 'Component' && apiVersion.startsWith('kustomize.config.k8s.io/'));
        if (kustomization) {
            // kustomize keeps `images` at the top; Flux's Kustomization under `spec`.
            const spec = pairOf(root, 'spec')?.value;
            for (const images of [pairOf(root, 'images')?.value, (0,dist/* isMap */.jh)(spec) ? pairOf(spec, 'images')?.value : undefined]) {
                if ((0,dist/* isSeq */.oP)(images))
                    for (const entry of images.items)
                        if ((0,dist/* isMap */.jh)(entry))
                            this.kustomizeEntry(entry);
            }
            return;
        }
        // Every Kubernetes object has a kind; a map without one is Helm values.
        this.visit(root, { values: kind === undefined });
    }
    visit(node, place) {
        if ((0,dist/* isSeq */.oP)(node)) {
            for (const item of node.items)
                this.visit(item, { values: place.values });
            return;
        }
        if (!(0,dist/* isMap */.jh)(node))
            return; // aliases are visited where their anchor is
        const { key, parent } = place;
        if (key === 'spec' && parent && (parent.key === 'template' || textOf(parent.map, 'kind') === 'Pod')) {
            for (const containersKey of CONTAINER_KEYS) {
                const containers = pairOf(node, containersKey)?.value;
                if (!(0,dist/* isSeq */.oP)(containers))
                    continue;
                for (const container of containers.items) {
                    if ((0,dist/* isMap */.jh)(container))
                        this.imageString(pairOf(container, 'image')?.value, 'container');
                }
            }
        }
        if (pairOf(node, 'repository') && (pairOf(node, 'tag') || pairOf(node, 'digest')))
            this.helmImage(node);
        if (place.values)
            this.imageString(pairOf(node, 'image')?.value, 'helm');
        for (const pair of node.items) {
            const childKey = scalarText(pair.key);
            this.visit(pair.value, {
                key: childKey,
                parent: { map: node, key },
                // Flux HelmRelease and Argo CD Applications carry Helm values inside an object.
                values: place.values || childKey === 'values' || childKey === 'valuesObject',
            });
        }
    }
    collect(text) {
        const ref = tryParse(text);
        if (ref)
            this.found.push(ref);
    }
    find(ref) {
        return ref && this.byRepository.get((0,reference/* canonicalRepository */.JA)(ref));
    }
    lineOf(offset) {
        this.lines ??= new LineIndex(this.text);
        return this.lines.lineOf(offset);
    }
    record(edits, change) {
        if (!edits.length)
            return;
        this.edits.push(...edits);
        this.changes.push({ line: this.lineOf(Math.min(...edits.map((edit) => edit.start))), ...change });
    }
    set(pair, value) {
        return setScalar(this.text, pair.value, value);
    }
    /** A whole reference in one scalar: `image: nginx:1.0`. */
    imageString(value, kind) {
        const node = (0,dist/* isAlias */.Vj)(value) ? value.resolve(this.current) : value;
        if (!(0,dist/* isScalar */.jn)(node) || this.seen.has(node))
            return;
        const from = scalarText(node);
        const ref = tryParse(from);
        if (this.found)
            return void (ref && this.found.push(ref));
        const found = this.find(ref);
        if (!ref || !found)
            return;
        this.seen.add(node);
        const { update, rename } = found;
        const to = (0,reference/* formatImageReference */.my)({
            ...(rename ? update.target : ref),
            tag: update.target.tag,
            digest: update.target.digest,
        });
        if (to !== from)
            this.record([setScalar(this.text, node, to)], { from: from, to, kind });
    }
    /**
     * A Helm values map: `repository` with `tag` and/or `digest` siblings (and
     * Bitnami's `registry`). A chart that has a `digest` key gets the digest
     * there; one without gets `tag: 1.0@sha256:…`, which the usual
     * `{{ .repository }}:{{ .tag }}` template turns into a pinned reference.
     */
    helmImage(map) {
        const repositoryPair = pairOf(map, 'repository');
        const registryPair = pairOf(map, 'registry');
        const tagPair = pairOf(map, 'tag');
        const digestPair = pairOf(map, 'digest');
        if (![registryPair, tagPair, digestPair].every(editable))
            return;
        const repository = scalarText(repositoryPair.value);
        const registry = scalarText(registryPair?.value);
        const ref = tryParse(registry && repository ? `${registry}/${repository}` : repository);
        const tag = scalarText(tagPair?.value);
        const digest = scalarText(digestPair?.value);
        if (this.found)
            return void (ref && tag !== undefined && this.collect(`${(0,reference/* repositoryOf */._M)(ref)}:${tag}${digest ? `@${digest}` : ''}`));
        const found = this.find(ref);
        if (!ref || !found || ref.tag !== undefined || ref.digest !== undefined)
            return;
        const { update, rename } = found;
        const { target } = update;
        const edits = [];
        const change = (pair, from, to) => {
            if ((from ?? '') !== to)
                edits.push(this.set(pair, to));
        };
        let newRepository = (0,reference/* repositoryOf */._M)(ref);
        if (rename) {
            newRepository = (0,reference/* repositoryOf */._M)(target);
            if (registryPair) {
                change(registryPair, registry, target.registry || reference/* DEFAULT_REGISTRY */.sx);
                change(repositoryPair, repository, target.path);
            }
            else {
                change(repositoryPair, repository, newRepository);
            }
        }
        let newTag = tag;
        let newDigest = digest;
        const added = [];
        if (digestPair) {
            newDigest = target.digest ?? '';
            change(digestPair, digest, newDigest);
            if (target.tag !== undefined)
                newTag = target.tag;
        }
        else if (target.tag !== undefined) {
            newTag = target.digest ? `${target.tag}@${target.digest}` : target.tag;
        }
        else {
            newDigest = target.digest;
            added.push(['digest', target.digest]);
        }
        if (newTag !== tag) {
            if (tagPair)
                change(tagPair, tag, newTag);
            else
                added.unshift(['tag', newTag]);
        }
        if (added.length)
            edits.push(appendPairs(this.text, map, added));
        this.record(edits, { from: describe((0,reference/* repositoryOf */._M)(ref), tag, digest), to: describe(newRepository, newTag, newDigest), kind: 'helm' });
    }
    /**
     * A kustomize `images:` entry, matched by `name` or by the `newName` it
     * already deploys. Keys it lacks are added after its last key; a tag or a
     * digest the target does not have is removed, since a stale digest would
     * keep deploying the old image.
     */
    kustomizeEntry(entry) {
        const namePair = pairOf(entry, 'name');
        const newNamePair = pairOf(entry, 'newName');
        const newTagPair = pairOf(entry, 'newTag');
        const digestPair = pairOf(entry, 'digest');
        if (![newNamePair, newTagPair, digestPair].every(editable))
            return;
        const name = scalarText(namePair?.value);
        const newName = scalarText(newNamePair?.value);
        if (this.found) {
            const tag = scalarText(newTagPair?.value);
            const digest = scalarText(digestPair?.value);
            return void ((tag || digest) && this.collect(`${newName ?? name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`));
        }
        const found = this.find(tryParse(name)) ?? this.find(tryParse(newName));
        if (!found)
            return;
        const { update, rename } = found;
        const { target } = update;
        const newTag = scalarText(newTagPair?.value);
        const digest = scalarText(digestPair?.value);
        const edits = [];
        const added = [];
        const apply = (key, pair, from, to) => {
            if (to === undefined) {
                if (pair)
                    edits.push(removePair(this.text, entry, pair));
            }
            else if (!pair) {
                added.push([key, to]);
            }
            else if (from !== to) {
                edits.push(this.set(pair, to));
            }
        };
        const deployed = newName ?? name;
        const renamed = rename ? (0,reference/* repositoryOf */._M)(target) : deployed;
        if (rename)
            apply('newName', newNamePair, newName, renamed);
        apply('newTag', newTagPair, newTag, target.tag);
        apply('digest', digestPair, digest, target.digest);
        if (added.length)
            edits.push(appendPairs(this.text, entry, added));
        this.record(edits, { from: describe(deployed, newTag, digest), to: describe(renamed, target.tag, target.digest), kind: 'kustomize' });
    }
}
/**
 * Patches every given file, writing nothing. A file that is not UTF-8 YAML is
 * skipped with the reason; a file over 10 MiB or an alias bomb throws
 * ManifestError, so that the run writes nothing at all.
 *
 * A file whose bytes do not contain the last path component of any updated
 * repository cannot reference it, and is not parsed: in an env repository of
 * thousands of files that is most of them, and parsing is the whole cost.
 */
function patchTree(files, updates) {
    const needles = [...new Set(updates.map((update) => Buffer.from(update.match.path.slice(update.match.path.lastIndexOf('/') + 1))))];
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const result = { files: [], skipped: [] };
    for (const { path, bytes } of files) {
        if (bytes.length > MAX_MANIFEST_BYTES)
            throw new ManifestError(path, 'is larger than 10 MiB', 'too-large');
        const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        if (!needles.some((needle) => buffer.includes(needle)))
            continue;
        let before;
        try {
            before = decoder.decode(bytes);
        }
        catch {
            result.skipped.push({ path, reason: 'is not UTF-8 text' });
            continue;
        }
        try {
            const { text, changes } = patchManifestText(before, updates, path);
            if (changes.length)
                result.files.push({ path, before, after: text, changes });
        }
        catch (error) {
            if (!(error instanceof ManifestError) || error.problem !== 'not-yaml')
                throw error;
            result.skipped.push({ path, reason: error.reason });
        }
    }
    return result;
}


/***/ })

};
