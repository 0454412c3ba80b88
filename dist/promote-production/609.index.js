export const id = 609;
export const ids = [609];
export const modules = {

/***/ 609:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  imagesAt: () => (/* binding */ imagesAt)
});

// UNUSED EXPORTS: stageSource

// EXTERNAL MODULE: ./.tmp/build/src/image/clients.js + 1 modules
var clients = __webpack_require__(1655);
// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
// EXTERNAL MODULE: ./.tmp/build/src/git/tree.js
var git_tree = __webpack_require__(5712);
// EXTERNAL MODULE: ./.tmp/build/src/image/reference.js
var reference = __webpack_require__(6382);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
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
/** Whether a scalar is written as a block: `|`, `>`, with any chomping or indentation indicator. */
function isBlockScalar(node) {
    return (0,dist/* isScalar */.jn)(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}
/**
 * A scalar's text as the author meant it: plain `1.0` is the tag "1.0", not
 * the number 1. A block scalar's text is its content without the line breaks
 * and spaces around it, which chomping and indentation add: `image: |` over
 * `nginx:1.0` names nginx:1.0 as much as `image: nginx:1.0` does. Undefined
 * for anything but a scalar.
 */
function scalarText(node) {
    if (!(0,dist/* isScalar */.jn)(node))
        return undefined;
    if (isBlockScalar(node))
        return typeof node.value === 'string' ? node.value.trim() : undefined;
    if (typeof node.value === 'string')
        return node.value;
    if (node.type === 'PLAIN' && node.value !== null && typeof node.source === 'string')
        return node.source;
    return undefined;
}
/** Whether a scalar is present but empty (`tag:`, `tag: ~`, `tag: ""`), which an edit may fill. */
function isEmptyScalar(node) {
    return isScalar(node) && (node.value === null || node.value === '');
}
const PLAIN_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_./:@+=-]*$/;
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
/** Thrown for a scalar that holds a reference but cannot take a new value without rewriting more than it. */
class UneditableError extends Error {
    offset;
    constructor(offset, message) {
        super(message);
        this.offset = offset;
        this.name = 'UneditableError';
    }
}
/**
 * Replaces a scalar's value, in the scalar's own style. `json` writes a plain
 * scalar as a JSON string, for a file that must stay JSON.
 */
function setScalar(text, node, value, json = false) {
    if (isBlockScalar(node))
        return setBlockScalar(text, node, value);
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
            written = json ? JSON.stringify(value) : plainOrQuoted(value);
    }
    // `tag:` with no value: the empty scalar sits right after the colon.
    if (start === end && text[start - 1] === ':')
        written = ` ${written}`;
    return { start, end, text: written };
}
/**
 * A block scalar keeps its header (indicators, comment) and its indentation
 * and trailing lines, which carry its chomping: only the one content line
 * that holds the text is rewritten. Content over several lines is not one
 * image reference or tag, and is refused rather than rewritten.
 */
function setBlockScalar(text, node, value) {
    const [start, end] = node.range;
    const headerEnd = text.indexOf('\n', start);
    const lines = [];
    for (let at = headerEnd + 1; headerEnd >= 0 && at < end;) {
        const lf = text.indexOf('\n', at);
        const lineEnd = lf < 0 || lf > end ? end : lf;
        const line = text.slice(at, lineEnd);
        const first = line.search(/\S/);
        if (first >= 0)
            lines.push({ start: at + first, end: at + line.trimEnd().length });
        at = lineEnd + 1;
    }
    if (lines.length === 0)
        throw new UneditableError(start, 'is an empty block scalar, which cannot be given a value in place');
    if (lines.length > 1)
        throw new UneditableError(start, `is a block scalar over ${lines.length} lines, not one value`);
    if (/[\r\n]/.test(value))
        throw new UneditableError(start, 'cannot take a value with a line break');
    return { start: lines[0].start, end: lines[0].end, text: value };
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
 * own line with the indentation of that last key; for a flow map inline, or
 * each on its own line when the last pair has a line to itself (JSON as most
 * tools print it). `json` writes keys and values as JSON strings.
 */
function appendPairs(text, map, pairs, json = false) {
    const last = map.items[map.items.length - 1];
    const rendered = pairs.map(([key, value]) => json ? `${JSON.stringify(key)}: ${JSON.stringify(value)}` : `${key}: ${plainOrQuoted(value)}`);
    if (map.flow || !last) {
        const at = last ? endOf(last) : map.range[0] + 1;
        if (!last)
            return { start: at, end: at, text: rendered.join(', ') };
        const keyStart = last.key.range[0];
        const before = text.slice(lineStart(text, keyStart), keyStart);
        if (before.trim() === '') {
            const eol = lineBreakOf(text);
            return { start: at, end: at, text: rendered.map((pair) => `,${eol}${before}${pair}`).join('') };
        }
        return { start: at, end: at, text: `, ${rendered.join(', ')}` };
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

;// CONCATENATED MODULE: ./.tmp/build/src/manifest/updates.js


const EXPECTED = "lines of 'REF' or 'MATCH=REF', where REF is repository:tag, repository@sha256:<64 hex> or repository:tag@sha256:<64 hex>, and MATCH is a repository without tag";
/**
 * Parses the `images` input: lines of `REF` (update references of REF's
 * repository) or `MATCH=REF` (find MATCH's repository, rename it to REF's).
 * Blank lines and `#` comments are ignored.
 */
function updates_parseImageUpdates(lines, input = 'images') {
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
/** How deep merge keys may nest, and aliases lead into aliases, before the walk stops following them. */
const MAX_INDIRECTION = 64;
class ManifestError extends Error {
    file;
    problem;
    line;
    /** What is wrong with the file, without its name, e.g. "is larger than 10 MiB". */
    reason;
    constructor(file, message, problem = 'not-yaml', 
    /** 1-based line the problem is on, when it is on one. */
    line) {
        super(`${file}${line ? `:${line}` : ''} ${message}`);
        this.file = file;
        this.problem = problem;
        this.line = line;
        this.name = 'ManifestError';
        this.reason = message;
    }
}
/**
 * Patches one file's text. Returns the new text (=== `text` when nothing
 * matched) and one change per updated image reference. Throws ManifestError
 * for text that is too big, is not YAML, or expands aliases past yaml's bound;
 * for a reference it cannot change alone; and, after patching, for a reference
 * of an updated repository the new text still does not give the new image.
 */
function patchManifestText(text, updates, file = 'manifest') {
    const patched = patchOnce(text, updates, file);
    if (patched.changes.length)
        verify(patched.text, updates, file);
    return patched;
}
/**
 * The guard: the patched text is parsed again and walked again, through its
 * aliases and merge keys, and must need no further change. A reference the
 * edits missed, or an edit that does not read back as the new image, stops
 * the run here rather than leaving a workload on the old image.
 */
function verify(text, updates, file) {
    let again;
    try {
        again = patchOnce(text, updates, file);
    }
    catch (error) {
        const reason = error instanceof ManifestError ? error.reason : error instanceof Error ? error.message : String(error);
        throw new ManifestError(file, `cannot be patched safely: the patched text does not read back (${reason})`, 'stale');
    }
    const [stale] = again.changes;
    if (stale) {
        throw new ManifestError(file, `still names ${stale.from} after patching, where ${stale.to} was expected`, 'stale', stale.line);
    }
}
function patchOnce(text, updates, file) {
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
function images_findImages(text, file = 'manifest') {
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
/**
 * `<<: *defaults`: YAML 1.1's merge key, which Kubernetes, kustomize and Helm
 * all read (their YAML libraries are YAML 1.1), so a container or a values
 * map may get its `image` from the map an alias names. Quoted, it is a key.
 */
function isMergeKey(key) {
    return (0,dist/* isScalar */.jn)(key) && key.type === 'PLAIN' && key.value === '<<';
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
    updates;
    file;
    found;
    edits = [];
    changes = [];
    demands = new Map();
    seenMaps = new Set();
    collected = new Set();
    referenced = new Set();
    byRepository = new Map();
    /** Repositories that renames lead to: a reference of one means the rename already happened. */
    byTarget = new Map();
    /** Maps merged into others with `<<`: a key added to or removed from one would change every map it is merged into. */
    mergeSources;
    lines;
    current;
    /** A JSON document: every value written stays a JSON string. */
    json = false;
    /** An Argo CD Application or ApplicationSet, whose `kustomize` and `helm` maps name images in their own ways. */
    argo = false;
    /** `found` makes the walk collect every reference it meets instead of editing. */
    constructor(text, updates, file, found) {
        this.text = text;
        this.updates = updates;
        this.file = file;
        this.found = found;
        for (const update of updates) {
            const rename = !(0,reference/* sameRepository */.RB)(update.match, update.target);
            this.byRepository.set((0,reference/* canonicalRepository */.JA)(update.match), { update, rename });
            if (rename)
                this.byTarget.set((0,reference/* canonicalRepository */.JA)(update.target), update);
        }
    }
    result() {
        this.resolve();
        const referenced = this.updates.filter((update) => this.referenced.has(update));
        if (!this.edits.length)
            return { text: this.text, changes: [], referenced };
        return { text: applyEdits(this.text, this.edits), changes: this.changes.sort((a, b) => a.line - b.line), referenced };
    }
    /** Turns the demands into edits: every scalar whose value must change. */
    resolve() {
        for (const [node, demand] of this.demands) {
            if (demand.value === (scalarText(node) ?? ''))
                continue;
            try {
                this.edits.push(setScalar(this.text, node, demand.value, this.json));
            }
            catch (error) {
                if (!(error instanceof UneditableError))
                    throw error;
                this.refuse(error.offset, `cannot be set to ${JSON.stringify(demand.value)} for ${demand.what}: it ${error.message}`);
            }
        }
        this.demands.clear();
        return this.edits;
    }
    document(document) {
        const root = document.contents;
        if (!(0,dist/* isMap */.jh)(root))
            return;
        this.current = document;
        this.mergeSources = undefined;
        this.json = root.flow === true && root.items.every((pair) => (0,dist/* isScalar */.jn)(pair.key) && pair.key.type === 'QUOTE_DOUBLE');
        const kind = this.textOf(root, 'kind');
        const apiVersion = this.textOf(root, 'apiVersion') ?? '';
        this.argo = apiVersion.startsWith('argoproj.io/') && (kind === 'Application' || kind === 'ApplicationSet');
        const kustomization = /^kustomization\.ya?ml$/i.test((0,external_node_path_.basename)(this.file)) ||
            kind === 'Kustomization' ||
            (kind === 'Component' && apiVersion.startsWith('kustomize.config.k8s.io/'));
        if (kustomization) {
            // kustomize keeps `images` at the top; Flux's Kustomization under `spec`.
            const spec = this.field(root, 'spec')?.node;
            for (const images of [this.field(root, 'images')?.node, (0,dist/* isMap */.jh)(spec) ? this.field(spec, 'images')?.node : undefined]) {
                if (!(0,dist/* isSeq */.oP)(images))
                    continue;
                for (const item of images.items) {
                    const entry = this.deref(item);
                    if ((0,dist/* isMap */.jh)(entry))
                        this.kustomizeEntry(entry, (0,dist/* isAlias */.Vj)(item) ? item.range[0] : undefined);
                }
            }
            return;
        }
        // Every Kubernetes object has a kind; a map without one is Helm values.
        this.visit(root, { values: kind === undefined }, 0);
    }
    deref(node) {
        return (0,dist/* isAlias */.Vj)(node) ? node.resolve(this.current) : node;
    }
    /** The maps merged into `map` with `<<`, in the order that gives them precedence. */
    merged(map) {
        const sources = [];
        for (const pair of map.items) {
            if (!isMergeKey(pair.key))
                continue;
            const value = this.deref(pair.value);
            for (const source of (0,dist/* isSeq */.oP)(value) ? value.items.map((item) => this.deref(item)) : [value])
                if ((0,dist/* isMap */.jh)(source))
                    sources.push(source);
        }
        return sources;
    }
    field(map, key, depth = 0) {
        const own = map.items.find((pair) => !isMergeKey(pair.key) && scalarText(pair.key) === key);
        if (own)
            return { pair: own, owner: map, node: this.deref(own.value) };
        if (depth > MAX_INDIRECTION)
            return undefined;
        for (const source of this.merged(map)) {
            const found = this.field(source, key, depth + 1);
            if (found)
                return found;
        }
        return undefined;
    }
    textOf(map, key) {
        return scalarText(this.field(map, key)?.node);
    }
    /** A map's pairs as its readers see them: its own, then those merged in that it does not override. */
    entries(map, depth = 0) {
        const own = map.items.filter((pair) => !isMergeKey(pair.key));
        if (own.length === map.items.length || depth > MAX_INDIRECTION)
            return own;
        const keys = new Set(own.map((pair) => scalarText(pair.key)));
        for (const source of this.merged(map)) {
            for (const pair of this.entries(source, depth + 1)) {
                const key = scalarText(pair.key);
                if (!keys.has(key))
                    own.push(pair);
                keys.add(key);
            }
        }
        return own;
    }
    visit(raw, place, depth) {
        if (depth > MAX_INDIRECTION * 4)
            return;
        const node = this.deref(raw);
        const via = place.via ?? ((0,dist/* isAlias */.Vj)(raw) ? raw.range[0] : undefined);
        if ((0,dist/* isSeq */.oP)(node)) {
            for (const item of node.items)
                this.visit(item, { values: place.values, via }, depth + 1);
            return;
        }
        if (!(0,dist/* isMap */.jh)(node))
            return;
        const { key, parent } = place;
        if (key === 'spec' && parent && (parent.key === 'template' || this.textOf(parent.map, 'kind') === 'Pod')) {
            for (const containersKey of CONTAINER_KEYS) {
                const containers = this.field(node, containersKey);
                if (!containers || !(0,dist/* isSeq */.oP)(containers.node))
                    continue;
                for (const item of containers.node.items) {
                    const container = this.deref(item);
                    if ((0,dist/* isMap */.jh)(container))
                        this.imageString(this.field(container, 'image'), 'container', via ?? ((0,dist/* isAlias */.Vj)(item) ? item.range[0] : undefined));
                }
            }
        }
        if (this.field(node, 'repository') && (this.field(node, 'tag') || this.field(node, 'digest')))
            this.helmImage(node, via);
        // Argo CD: spec.source(s).kustomize and .helm, and the same under an ApplicationSet's template.
        if (this.argo && key === 'kustomize')
            this.argoKustomize(node, via);
        if (this.argo && key === 'helm')
            this.argoHelm(node, via);
        if (place.values)
            this.imageString(this.field(node, 'image'), 'helm', via);
        for (const pair of this.entries(node)) {
            const childKey = scalarText(pair.key);
            this.visit(pair.value, {
                key: childKey,
                parent: { map: node, key },
                // Flux HelmRelease and Argo CD Applications carry Helm values inside an object.
                values: place.values || childKey === 'values' || childKey === 'valuesObject',
                via,
            }, depth + 1);
        }
    }
    collect(node, text) {
        if (this.collected.has(node))
            return;
        this.collected.add(node);
        const ref = tryParse(text);
        if (ref)
            this.found.push(ref);
    }
    /** The update for a reference's repository; a reference of a rename's new repository counts as found, with nothing to do. */
    find(ref) {
        if (!ref)
            return undefined;
        const repository = (0,reference/* canonicalRepository */.JA)(ref);
        const found = this.byRepository.get(repository);
        const renamed = this.byTarget.get(repository);
        if (found)
            this.referenced.add(found.update);
        else if (renamed)
            this.referenced.add(renamed);
        return found;
    }
    lineOf(offset) {
        this.lines ??= new LineIndex(this.text);
        return this.lines.lineOf(offset);
    }
    refuse(offset, reason) {
        throw new ManifestError(this.file, reason, 'unpatchable', this.lineOf(offset));
    }
    /** Where a field is used: the alias that led to it, else the field itself. */
    where(node, via) {
        return via ?? node.range?.[0] ?? 0;
    }
    /**
     * Asks that a scalar hold `value`. A scalar reached twice (an anchor and its
     * aliases, a map merged into others) is one place in the text: when two
     * image fields need different values there, no edit can give both.
     */
    demand(node, value, at, what) {
        const earlier = this.demands.get(node);
        if (!earlier) {
            this.demands.set(node, { value, at, what });
            return true;
        }
        if (earlier.value === value)
            return false;
        const anchor = node.anchor ? `the anchor &${node.anchor}` : 'a value shared through an alias or merge key';
        return this.refuse(node.range[0], `cannot be patched: ${anchor} here is used by ${earlier.what} (line ${this.lineOf(earlier.at)}), which needs ${JSON.stringify(earlier.value)}, ` +
            `and by ${what} (line ${this.lineOf(at)}), which needs ${JSON.stringify(value)}; give each its own value instead of sharing one`);
    }
    /** One change for the edits of one map: structural `edits`, and scalars whose demanded value differs, at `changed`. */
    record(edits, changed, change) {
        if (!edits.length && !changed.length)
            return;
        this.edits.push(...edits);
        this.changes.push({ line: this.lineOf(Math.min(...changed, ...edits.map((edit) => edit.start))), ...change });
    }
    /** A pair that an edit can give a value: a scalar, possibly empty, possibly a block scalar. */
    editable(field) {
        return !field || (0,dist/* isScalar */.jn)(field.node);
    }
    /** A whole reference in one scalar: `image: nginx:1.0`. */
    imageString(field, kind, via) {
        const node = field?.node;
        if (!(0,dist/* isScalar */.jn)(node))
            return;
        const from = scalarText(node);
        if (this.found)
            return void (from && this.collect(node, from));
        const ref = tryParse(from);
        if (!ref)
            return;
        const at = this.where(field.pair.value, via);
        const found = this.find(ref);
        if (!found) {
            this.demand(node, from, at, `the image ${from}`);
            return;
        }
        const { update, rename } = found;
        const to = (0,reference/* formatImageReference */.my)({
            ...(rename ? update.target : ref),
            tag: update.target.tag,
            digest: update.target.digest,
        });
        const first = this.demand(node, to, at, `the image ${from} -> ${to}`);
        if (first && to !== from)
            this.changes.push({ line: this.lineOf(node.range[0]), from: from, to, kind });
    }
    /** Fails unless keys can be added to or removed from `map` without changing other maps too. */
    checkStructural(map, at, what) {
        if (!this.mergeSources) {
            this.mergeSources = new Set();
            const sources = this.mergeSources;
            (0,dist/* visit */.YR)(this.current, {
                Map: (_, node) => {
                    for (const source of this.merged(node))
                        sources.add(source);
                },
            });
        }
        if (this.mergeSources.has(map)) {
            this.refuse(at, `cannot be patched: ${what}, in a map that is merged into others with <<, where the change would apply too`);
        }
    }
    /**
     * A Helm values map: `repository` with `tag` and/or `digest` siblings (and
     * Bitnami's `registry`). A chart that has a `digest` key gets the digest
     * there; one without gets `tag: 1.0@sha256:…`, which the usual
     * `{{ .repository }}:{{ .tag }}` template turns into a pinned reference
     * (a digest alone keeps the tag there and pins it). No key is ever added:
     * where the one the target needs is missing, the file is refused.
     */
    helmImage(map, via) {
        if (this.seenMaps.has(map))
            return;
        this.seenMaps.add(map);
        const fields = {
            repository: this.field(map, 'repository'),
            registry: this.field(map, 'registry'),
            tag: this.field(map, 'tag'),
            digest: this.field(map, 'digest'),
        };
        this.helmFields(fields, map, this.where(map, via), 'key');
    }
    /**
     * The fields of one Helm image, wherever they are written: the keys of a
     * values map, or Argo CD's `helm.parameters` (`image.repository`,
     * `image.tag`), which `noun` names in messages.
     */
    helmFields(image, owner, at, noun) {
        const { repository: repositoryField, registry: registryField, tag: tagField, digest: digestField } = image;
        const repository = scalarText(repositoryField.node);
        const registry = scalarText(registryField?.node);
        const ref = tryParse(registry && repository ? `${registry}/${repository}` : repository);
        const tag = scalarText(tagField?.node);
        const digest = scalarText(digestField?.node);
        if (this.found) {
            if (ref && tag !== undefined)
                this.collect(owner, `${(0,reference/* repositoryOf */._M)(ref)}:${tag}${digest ? `@${digest}` : ''}`);
            return;
        }
        const found = this.find(ref);
        const fields = [
            [repositoryField, repository],
            [registryField, registry],
            [tagField, tag],
            [digestField, digest],
        ];
        if (!ref || !found) {
            const what = `the Helm image ${ref ? describe((0,reference/* repositoryOf */._M)(ref), tag, digest) : repository}`;
            for (const [field, text] of fields)
                if (field && (0,dist/* isScalar */.jn)(field.node))
                    this.demand(field.node, text ?? '', at, what);
            return;
        }
        const name = (0,reference/* repositoryOf */._M)(ref);
        if (ref.tag !== undefined || ref.digest !== undefined) {
            this.refuse(repositoryField.pair.value ? repositoryField.node.range[0] : at, `cannot be patched: repository '${repository}' carries a tag or digest of its own beside the tag and digest ${noun}s; write the repository alone`);
        }
        for (const [key, field] of [
            ['registry', registryField],
            ['tag', tagField],
            ['digest', digestField],
        ]) {
            if (!this.editable(field))
                this.refuse(field.pair.key ? field.pair.key.range[0] : at, `cannot be patched: the '${key}' of ${name} is not a scalar`);
        }
        const { update, rename } = found;
        const { target } = update;
        const what = `the Helm image ${describe(name, tag, digest)}`;
        const changed = [];
        const change = (field, to) => {
            const node = field.node;
            if (this.demand(node, to, at, what) && (scalarText(node) ?? '') !== to)
                changed.push(node.range[0]);
        };
        let newRepository = name;
        if (rename) {
            newRepository = (0,reference/* repositoryOf */._M)(target);
            if (registryField) {
                change(registryField, target.registry || reference/* DEFAULT_REGISTRY */.sx);
                change(repositoryField, target.path);
            }
            else {
                change(repositoryField, newRepository);
            }
        }
        else {
            change(repositoryField, repository);
            if (registryField)
                change(registryField, registry ?? '');
        }
        // Only keys the values already have are written: a chart renders the keys its templates read, and a key added
        // beside them (a `digest:` the template never reads) would leave the deployed image as it was.
        let newTag = tag;
        let newDigest = digest;
        if (digestField) {
            newDigest = target.digest ?? '';
            change(digestField, newDigest);
            if (target.tag !== undefined)
                newTag = target.tag;
        }
        else if (target.tag !== undefined) {
            newTag = target.digest ? `${target.tag}@${target.digest}` : target.tag;
        }
        else {
            // A digest alone, and no digest key: pinned through the tag, `tag: 1.0@sha256:…`, which `repository:tag` renders.
            const kept = (tag ?? '').replace(/@.*$/, '');
            if (!kept)
                this.refuse(tagField ? tagField.node.range[0] : at, `cannot be patched: the Helm image ${name} has no digest ${noun} and no tag to pin ${target.digest} through; ` +
                    `give it a tag (tag: 1.0) or a digest ${noun} the chart reads, or deliver a tag with the digest (${name}:1.0@${target.digest})`);
            newTag = `${kept}@${target.digest}`;
        }
        if (tagField)
            change(tagField, newTag ?? '');
        else if (newTag !== tag && !newDigest)
            this.refuse(at, `cannot be patched: the Helm image ${name} has a digest ${noun} and no tag ${noun}, and ${(0,reference/* formatImageReference */.my)(target)} has no digest; ` +
                `add the tag ${noun} the chart reads, or deliver a digest`);
        else
            newTag = tag;
        this.record([], changed, { from: describe(name, tag, digest), to: describe(newRepository, newTag, newDigest), kind: 'helm' });
    }
    /** `kustomize.images` of an Argo CD source: strings as `kustomize edit set image` takes them. */
    argoKustomize(map, via) {
        const images = this.field(map, 'images');
        if (!images || !(0,dist/* isSeq */.oP)(images.node))
            return;
        for (const item of images.node.items) {
            const node = this.deref(item);
            if ((0,dist/* isScalar */.jn)(node))
                this.kustomizeString(node, this.where(item, via ?? ((0,dist/* isAlias */.Vj)(item) ? item.range[0] : undefined)));
        }
    }
    /**
     * One `name[=newName][:tag][@digest]` string. The form written keeps the
     * entry's own, and takes `name=newName` whenever a digest goes with a tag,
     * which every kustomize reads the same: older ones take what precedes `@`
     * as the new name, tag included.
     */
    kustomizeString(node, at) {
        const text = scalarText(node);
        const parsed = text ? parseKustomizeImage(text) : undefined;
        if (!parsed)
            return;
        const deployed = parsed.newName ?? parsed.name;
        if (this.found) {
            if (parsed.tag || parsed.digest)
                this.collect(node, describe(deployed, parsed.tag, parsed.digest));
            return;
        }
        const what = `the Argo CD kustomize image ${text}`;
        const found = this.find(tryParse(parsed.name)) ?? this.find(tryParse(parsed.newName));
        if (!found)
            return void this.demand(node, text, at, what);
        const { update, rename } = found;
        const { target } = update;
        const newName = rename ? (0,reference/* repositoryOf */._M)(target) : parsed.newName;
        if (newName === parsed.newName && target.tag === parsed.tag && target.digest === parsed.digest) {
            return void this.demand(node, text, at, what);
        }
        const long = newName !== undefined || (target.tag !== undefined && target.digest !== undefined);
        const to = `${parsed.name}${long ? `=${newName ?? parsed.name}` : ''}` +
            `${target.tag !== undefined ? `:${target.tag}` : ''}${target.digest ? `@${target.digest}` : ''}`;
        if (this.demand(node, to, at, what)) {
            const change = {
                from: describe(deployed, parsed.tag, parsed.digest),
                to: describe(newName ?? parsed.name, target.tag, target.digest),
            };
            this.changes.push({ line: this.lineOf(node.range[0]), ...change, kind: 'kustomize' });
        }
    }
    /** `helm` of an Argo CD source: its `parameters` and its `values` string (`valuesObject` is walked as values). */
    argoHelm(map, via) {
        const parameters = this.field(map, 'parameters');
        if (parameters && (0,dist/* isSeq */.oP)(parameters.node))
            this.helmParameters(parameters.node, via);
        const values = this.field(map, 'values');
        if (values && (0,dist/* isScalar */.jn)(values.node) && typeof values.node.value === 'string') {
            this.valuesString(values.node, this.where(values.pair.value, via));
        }
    }
    /**
     * `- name: image.repository` / `- name: image.tag` pairs (and `.registry`,
     * `.digest`; `image.name` as Argo CD Image Updater writes it), and `image`
     * parameters that hold a whole reference.
     */
    helmParameters(parameters, via) {
        const byName = new Map();
        for (const raw of parameters.items) {
            const item = this.deref(raw);
            if (!(0,dist/* isMap */.jh)(item))
                continue;
            const name = this.textOf(item, 'name');
            const value = this.field(item, 'value');
            if (name !== undefined && value)
                byName.set(name, { value, item });
        }
        for (const [name, { value, item }] of byName) {
            if (name === 'image' || name.endsWith('.image')) {
                this.imageString(value, 'helm', via);
                continue;
            }
            const prefix = (/^((?:.*\.)?)repository$/.exec(name) ?? /^(.+\.)name$/.exec(name))?.[1];
            if (prefix === undefined || this.seenMaps.has(item))
                continue;
            this.seenMaps.add(item);
            const tag = byName.get(`${prefix}tag`)?.value;
            const digest = byName.get(`${prefix}digest`)?.value;
            const at = this.where(item, via);
            if (!tag && !digest) {
                const repository = scalarText(value.node);
                if (!this.found && name.endsWith('repository') && this.find(tryParse(repository))) {
                    this.refuse(at, `cannot be patched: the Helm parameter ${name} names ${repository}, but no parameter sets ${prefix}tag or ${prefix}digest, ` +
                        `so its tag comes from values this step does not see; add a '${prefix}tag' parameter`);
                }
                continue;
            }
            this.helmFields({ repository: value, registry: byName.get(`${prefix}registry`)?.value, tag, digest }, item, at, 'parameter');
        }
    }
    /**
     * `helm.values`: Helm values in a string. Patched like a values file, and
     * each edit spliced into the line of the block that holds it, so the block
     * keeps its bytes. Values that name an updated image but cannot be edited
     * so (not a literal block `|`, not YAML) are refused, naming the line.
     */
    valuesString(node, at) {
        const inner = node.value;
        const header = this.lineOf(node.range[0]);
        const named = () => this.updates.some((update) => [update.match, update.target].some((ref) => inner.includes(lastSegment(ref.path))));
        const documents = (0,dist/* parseAllDocuments */.hR)(inner);
        const broken = documents.find((document) => document.errors.length)?.errors[0];
        if (broken) {
            if (!this.found && named())
                this.refuse(at, `cannot be patched: helm.values does not read as YAML (${broken.message.split('\n')[0]}), and it may name the image`);
            return;
        }
        const sub = new Patcher(inner, this.updates, this.file, this.found);
        let edits;
        try {
            for (const document of documents) {
                if (MAY_HAVE_ALIASES.test(inner))
                    refuseAliasBomb(document, this.file);
                sub.document(document);
            }
            edits = sub.resolve();
        }
        catch (error) {
            if (error instanceof ManifestError && error.line)
                throw new ManifestError(this.file, error.reason, error.problem, header + error.line);
            throw error;
        }
        for (const update of sub.referenced)
            this.referenced.add(update);
        if (!edits.length)
            return;
        const starts = this.blockLines(node);
        const innerLines = new LineIndex(inner);
        const lineStarts = [0, ...[...inner.matchAll(/\n/g)].map((match) => match.index + 1)];
        for (const edit of edits) {
            const line = innerLines.lineOf(edit.start);
            if (!starts || edit.text.includes('\n') || innerLines.lineOf(edit.end) !== line || line > starts.length) {
                this.refuse(starts ? node.range[0] : at, 'cannot be patched: helm.values names the image, but is not a literal block (values: |) whose lines can each be edited in place; write it as one');
            }
            const offset = starts[line - 1] - lineStarts[line - 1];
            this.edits.push({ start: edit.start + offset, end: edit.end + offset, text: edit.text });
        }
        for (const change of sub.changes)
            this.changes.push({ ...change, line: header + change.line });
    }
    /**
     * Where each line of a literal block scalar's value starts in the text, when
     * the value is exactly its lines less their indentation; else undefined.
     */
    blockLines(node) {
        if (node.type !== 'BLOCK_LITERAL')
            return undefined;
        const [start, end] = node.range;
        const headerEnd = this.text.indexOf('\n', start);
        if (headerEnd < 0 || headerEnd >= end)
            return undefined;
        const lines = [];
        for (let at = headerEnd + 1; at < end;) {
            const lf = this.text.indexOf('\n', at);
            const lineEnd = lf < 0 || lf >= end ? end : lf;
            lines.push({ start: at, text: this.text.slice(at, lineEnd).replace(/\r$/, '') });
            at = lineEnd + 1;
        }
        const first = lines.find((line) => line.text.trim() !== '');
        if (!first)
            return undefined;
        const indent = /^ */.exec(first.text)[0].length;
        if (lines.some((line) => line.text.slice(0, indent).trim() !== ''))
            return undefined;
        const content = lines.map((line) => line.text.slice(indent)).join('\n');
        if (content.replace(/\n+$/, '') !== node.value.replace(/\n+$/, ''))
            return undefined;
        return lines.map((line) => line.start + Math.min(indent, line.text.length));
    }
    /**
     * A kustomize `images:` entry, matched by `name` or by the `newName` it
     * already deploys. Keys it lacks are added after its last key; a tag or a
     * digest the target does not have is removed, since a stale digest would
     * keep deploying the old image.
     */
    kustomizeEntry(entry, via) {
        if (this.seenMaps.has(entry))
            return;
        this.seenMaps.add(entry);
        const nameField = this.field(entry, 'name');
        const newNameField = this.field(entry, 'newName');
        const newTagField = this.field(entry, 'newTag');
        const digestField = this.field(entry, 'digest');
        const name = scalarText(nameField?.node);
        const newName = scalarText(newNameField?.node);
        const newTag = scalarText(newTagField?.node);
        const digest = scalarText(digestField?.node);
        if (this.found) {
            if (newTag || digest)
                this.collect(entry, `${newName ?? name}${newTag ? `:${newTag}` : ''}${digest ? `@${digest}` : ''}`);
            return;
        }
        const at = this.where(entry, via);
        const found = this.find(tryParse(name)) ?? this.find(tryParse(newName));
        const deployed = newName ?? name;
        const what = `the kustomize image ${describe(deployed ?? '?', newTag, digest)}`;
        if (!found) {
            for (const [field, text] of [
                [newNameField, newName],
                [newTagField, newTag],
                [digestField, digest],
            ]) {
                if (field && (0,dist/* isScalar */.jn)(field.node))
                    this.demand(field.node, text ?? '', at, what);
            }
            return;
        }
        for (const [key, field] of [
            ['newName', newNameField],
            ['newTag', newTagField],
            ['digest', digestField],
        ]) {
            if (!this.editable(field))
                this.refuse(field.pair.key?.range?.[0] ?? at, `cannot be patched: the '${key}' of the kustomize image ${deployed} is not a scalar`);
        }
        const { update, rename } = found;
        const { target } = update;
        // kustomize appends tagSuffix to the workload's own tag, and ignores it once newTag or digest is set.
        const suffixField = this.field(entry, 'tagSuffix');
        const suffix = scalarText(suffixField?.node);
        if (suffix && target.tag !== undefined && newTag !== target.tag && !target.tag.endsWith(suffix)) {
            this.refuse(suffixField.pair.key.range[0], `cannot be patched: the kustomize image ${deployed} has tagSuffix '${suffix}', which kustomize ignores once newTag is set, ` +
                `so ${(0,reference/* formatImageReference */.my)(target)} would deploy without it; deliver a tag ending in '${suffix}', or remove tagSuffix`);
        }
        const edits = [];
        const added = [];
        const changed = [];
        const apply = (key, field, from, to) => {
            if (to === undefined) {
                if (!field)
                    return;
                const keyNode = field.pair.key;
                if (field.owner !== entry)
                    this.refuse(keyNode.range[0], `cannot be patched: '${key}' of ${deployed} must go, but it comes from a map merged with <<`);
                if (keyNode.anchor || field.pair.value?.anchor)
                    this.refuse(keyNode.range[0], `cannot be patched: '${key}' of ${deployed} must go, but it holds an anchor that aliases use`);
                this.checkStructural(entry, at, `removing '${key}' from the kustomize image ${deployed}`);
                edits.push(removePair(this.text, entry, field.pair));
            }
            else if (!field) {
                added.push([key, to]);
            }
            else if (this.demand(field.node, to, at, what) && (from ?? '') !== to) {
                changed.push(field.node.range[0]);
            }
        };
        const renamed = rename ? (0,reference/* repositoryOf */._M)(target) : deployed;
        if (rename)
            apply('newName', newNameField, newName, renamed);
        else if (newNameField)
            apply('newName', newNameField, newName, newName ?? '');
        apply('newTag', newTagField, newTag, target.tag);
        apply('digest', digestField, digest, target.digest);
        if (added.length) {
            this.checkStructural(entry, at, `adding ${added.map(([key]) => key).join(' and ')} to the kustomize image ${deployed}`);
            edits.push(appendPairs(this.text, entry, added, this.json));
        }
        this.record(edits, changed, {
            from: describe(deployed, newTag, digest),
            to: describe(renamed, target.tag, target.digest),
            kind: 'kustomize',
        });
    }
}
/**
 * Patches every given file, writing nothing. A file that is not UTF-8 YAML is
 * skipped with the reason, and the templates of a Helm chart (a Chart.yaml
 * beside templates/) once for their folder, since Helm renders them; a file over 10 MiB, an alias bomb, a reference
 * that cannot be changed alone and one still stale after patching throw
 * ManifestError, so that the run writes nothing at all.
 *
 * A file whose bytes contain neither the last path component of an updated
 * repository (or of a rename's new one) nor a backslash cannot reference it,
 * and is not parsed: in an env repository of thousands of files that is most
 * of them, and parsing is the whole cost. (A double-quoted scalar can spell a
 * name with escapes, `"ngin\x78"`, and only those need a backslash.) So every
 * file that can hold a reference is parsed and walked, and one that needed no
 * change is one whose references are all current already.
 */
function patchTree(files, updates) {
    // An update concerns a file only when the file names its repository's last segment ('hello' of ghcr.io/acme/hello).
    const byName = new Map();
    for (const update of updates) {
        for (const name of new Set([lastSegment(update.match.path), lastSegment(update.target.path)])) {
            byName.set(name, [...(byName.get(name) ?? []), update]);
        }
    }
    const needles = [...byName.keys(), '\\'].map((needle) => Buffer.from(needle));
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const result = { files: [], skipped: [], missing: [] };
    const referenced = new Set();
    const charts = chartTemplates(files.map((file) => file.path));
    /** Chart template folders with a file that does not read as YAML: reported once each, not once per file. */
    const unread = new Set();
    const skip = (path, reason) => {
        const chart = charts.find((folder) => path.startsWith(folder));
        if (chart)
            unread.add(chart);
        else
            result.skipped.push({ path, reason });
    };
    for (const { path, bytes } of files) {
        if (bytes.length > MAX_MANIFEST_BYTES)
            throw new ManifestError(path, 'is larger than 10 MiB', 'too-large');
        const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        let before;
        try {
            before = decoder.decode(bytes);
        }
        catch {
            if (needles.some((needle) => buffer.includes(needle)))
                skip(path, 'is not UTF-8 text');
            continue;
        }
        // Escapes can spell a name in other bytes: such a file is always read in full.
        const escaped = before.includes('\\');
        const concerned = escaped ? updates : updatesNamedIn(before, byName);
        if (!concerned.length)
            continue;
        // A file whose every mention of the names is already the target reference needs no change: no parse.
        if (!escaped && concerned.every((update) => alreadyAtTarget(before, update))) {
            for (const update of concerned)
                referenced.add(update);
            continue;
        }
        try {
            const patch = patchManifestText(before, updates, path);
            for (const update of patch.referenced)
                referenced.add(update);
            if (patch.changes.length)
                result.files.push({ path, before, after: patch.text, changes: patch.changes });
        }
        catch (error) {
            if (!(error instanceof ManifestError) || error.problem !== 'not-yaml')
                throw error;
            skip(path, error.reason);
        }
    }
    for (const folder of charts.filter((chart) => unread.has(chart))) {
        const patched = new Set(result.files.map((file) => file.path));
        const count = files.filter((file) => file.path.startsWith(folder) && !patched.has(file.path)).length;
        result.skipped.push({
            path: folder,
            reason: `${folder} (${count} file${count === 1 ? '' : 's'}): Helm templates are rendered by Helm; their values are patched instead`,
        });
    }
    result.missing = updates.filter((update) => !referenced.has(update));
    return result;
}
/**
 * The `templates/` folders of the Helm charts among the paths: a Chart.yaml
 * beside them. Their files are Go templates, which Helm renders from the
 * chart's values; most do not read as YAML.
 */
function chartTemplates(paths) {
    return paths
        .filter((path) => path === 'Chart.yaml' || path.endsWith('/Chart.yaml'))
        .map((chart) => `${chart.slice(0, -'Chart.yaml'.length)}templates/`)
        .filter((folder) => paths.some((path) => path.startsWith(folder)));
}
/** `name[=newName][:tag][@digest]`, as `kustomize edit set image` reads it. */
function parseKustomizeImage(text) {
    const eq = text.indexOf('=');
    const rest = eq >= 0 ? text.slice(eq + 1) : text;
    const at = rest.indexOf('@');
    const head = at >= 0 ? rest.slice(0, at) : rest;
    const digest = at >= 0 ? rest.slice(at + 1) : undefined;
    const tagged = /^(.*):([A-Za-z0-9._-]+)$/.exec(head);
    const image = tagged ? tagged[1] : head;
    const tag = tagged?.[2];
    if (!image || (eq >= 0 && eq === 0))
        return undefined;
    return eq >= 0 ? { name: text.slice(0, eq), newName: image, tag, digest } : { name: image, tag, digest };
}
const lastSegment = (path) => path.slice(path.lastIndexOf('/') + 1);
/** The updates whose repository name appears in `text` as a word; one scan, whatever the number of updates. */
function updatesNamedIn(text, byName) {
    const found = new Set();
    for (const [word] of text.matchAll(/[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/g)) {
        for (const update of byName.get(word) ?? [])
            found.add(update);
    }
    return [...found];
}
/**
 * True when every mention of the update's name in `text` is the target
 * reference itself, written out whole: then every reference to that
 * repository is already the target, in whatever field it stands. A rename,
 * or any other mention (a split Helm repository and tag, a label), is left
 * to the parser.
 */
function alreadyAtTarget(text, update) {
    if (repositoryOf(update.match) !== repositoryOf(update.target))
        return false;
    const target = formatImageReference(update.target);
    // Whole: not the tail of a longer reference (ghcr.io/acme/hello is not acme/hello).
    const whole = occurrences(text, target, (before) => !/[A-Za-z0-9._/-]/.test(before));
    return whole > 0 && whole === occurrences(text, lastSegment(update.target.path));
}
function occurrences(text, needle, accept = () => true) {
    let count = 0;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length))
        if (accept(text[at - 1] ?? ''))
            count++;
    return count;
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
;// CONCATENATED MODULE: ./.tmp/build/src/manifest/paths.js
/**
 * Paths and globs from the user, confined to the env repository's tree: a
 * workflow input must never make the action read or write outside it. The
 * tree is git's (see IndexTree), so nothing here touches the file system;
 * symbolic links are entries whose content is their target.
 */




const DEFAULT_MANIFEST_GLOBS = ['**/*.yaml', '**/*.yml'];
const RELATIVE = 'a path relative to the repository root, without ..';
const GLOB = "globs relative to the repository root, such as 'apps/**/*.yaml' or '!apps/legacy/**', without ..";
function looksAbsolute(path) {
    return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}
function leavesRoot(path) {
    const normal = posix.normalize(path);
    return normal === '..' || normal.startsWith('../');
}
/** A path relative to the repository root, normalised; absolute paths and `..` out of the root are refused. */
function checkRelativePath(path, input) {
    if (looksAbsolute(path))
        throw new InputError(input, `'${path}' is an absolute path`, RELATIVE);
    if (leavesRoot(path))
        throw new InputError(input, `'${path}' leads outside the repository`, RELATIVE);
    return posix.normalize(path).replace(/\/+$/, '');
}
const OUTPUT = (/* unused pure expression or super */ null && (`${RELATIVE}: a file of its own, not a folder, not under a file, not inside .git`));
/**
 * The checks of a file to write that need no tree: inside the repository, a
 * file rather than the root, and never under `.git` (git ignores such a
 * path, so the write would silently do nothing).
 */
function checkOutputName(path, input) {
    const normal = checkRelativePath(path, input);
    if (normal === '.' || normal === '')
        throw new InputError(input, `'${path}' names the repository root, not a file`, OUTPUT);
    if (normal.split('/').some((part) => part.toLowerCase() === '.git'))
        throw new InputError(input, `'${path}' is inside .git`, OUTPUT);
    return normal;
}
/**
 * Where a file may be written: a file of the repository or a new one, not
 * through a symbolic link of the tree, and not where a folder is (writing it
 * would replace the folder's files) nor under a file (which would be deleted
 * to make room for a folder).
 */
function checkOutputPath(entries, path, input) {
    const normal = checkOutputName(path, input);
    const link = entries.find((entry) => entry.mode === SYMLINK && (normal === entry.path || normal.startsWith(`${entry.path}/`)));
    if (link)
        throw new InputError(input, `'${path}' goes through the symbolic link '${link.path}'`, `${RELATIVE}, not through a symbolic link`);
    const above = entries.find((entry) => normal.startsWith(`${entry.path}/`));
    if (above)
        throw new InputError(input, `'${path}' is under '${above.path}', which is a file`, OUTPUT);
    if (entries.some((entry) => entry.path.startsWith(`${normal}/`))) {
        throw new InputError(input, `'${path}' is a folder of the repository`, OUTPUT);
    }
    return normal;
}
/** A symbolic link whose target leaves the repository is refused; one that stays inside names a file listed on its own. */
function checkLinkTarget(link, target, input) {
    if (looksAbsolute(target) || leavesRoot(posix.join(posix.dirname(link), target))) {
        throw new InputError(input, `'${link}' is a symbolic link to a file outside the repository`, GLOB);
    }
}
function validateGlob(pattern, input) {
    if (looksAbsolute(pattern))
        throw new errors/* InputError */.d(input, `'${pattern}' is an absolute path`, GLOB);
    if (pattern.split(/[\\/]/).includes('..'))
        throw new errors/* InputError */.d(input, `'${pattern}' leads outside the repository`, GLOB);
}
/** A directory named without glob characters stands for the manifests under it. */
function expandDirectory(entries, pattern) {
    if (picomatch.scan(pattern).isGlob)
        return [pattern];
    const prefix = external_node_path_.posix.normalize(pattern).replace(/\/+$/, '');
    if (prefix === '.')
        return DEFAULT_MANIFEST_GLOBS;
    const isDirectory = entries.some((entry) => entry.path.startsWith(`${prefix}/`));
    return isDirectory ? DEFAULT_MANIFEST_GLOBS.map((glob) => `${prefix}/${glob}`) : [pattern];
}
/**
 * The tree's regular files matching any of the globs and none of the `!`
 * ones (`**\/*.yaml` and `**\/*.yml` when no positive glob is given), sorted;
 * dot files only match a glob that names them. Matching symbolic links are
 * returned apart, for their targets to be checked with `checkLinkTarget`.
 */
function paths_selectManifestFiles(entries, patterns, input) {
    const include = [];
    const exclude = [];
    for (const raw of patterns.map((pattern) => pattern.trim()).filter(Boolean)) {
        const negated = raw.startsWith('!');
        const pattern = negated ? raw.slice(1) : raw;
        validateGlob(pattern, input);
        (negated ? exclude : include).push(...expandDirectory(entries, pattern));
    }
    const included = picomatch(include.length ? include : DEFAULT_MANIFEST_GLOBS, { dot: false });
    const excluded = exclude.length ? picomatch(exclude, { dot: false }) : () => false;
    const matching = entries
        .filter((entry) => included(entry.path) && !excluded(entry.path))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
        files: matching.filter((entry) => entry.mode.startsWith('100')),
        links: matching.filter((entry) => entry.mode === git_tree/* SYMLINK */._e),
    };
}

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
    const tree = new git_tree/* IndexTree */.zA(repo.git);
    const { files } = paths_selectManifestFiles(await tree.entriesOf(commit), paths, 'paths');
    const contents = await tree.read(files.map((file) => file.object));
    return files.flatMap((file, i) => images_findImages(contents[i].toString('utf8'), file.path).map((image) => ({ image, file: file.path })));
}
async function stageSource(repo, ref, paths, deps) {
    const tree = new IndexTree(repo.git);
    const images = new Map();
    const checked = new Set();
    // The previous environment's commit is fetched once the next one's tip is
    // here: the two share most objects, so the second fetch brings only what differs.
    let source;
    const read = async () => {
        const commit = /^[0-9a-f]{40}$/.test(ref) ? await repo.fetch(ref) : await repo.fetchBranch(ref);
        if (!commit)
            throw new InputError('promote-from', `branch '${ref}' does not exist in ${deps.repository}: that environment has no successful revision to promote`, "the production branch of the previous environment, such as 'env/staging/production'");
        const { files } = selectManifestFiles(await tree.entriesOf(commit), paths, 'paths');
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
                for (const image of findImages(contents[i].toString('utf8'), file.path)) {
                    if (!image.digest)
                        throw new Error(`${file.path} in ${where} names ${formatImageReference(image)}, which is not pinned by digest; environments are chained by digest, so nothing was written`);
                    const key = canonicalRepository(image);
                    const seen = byRepository.get(key);
                    if (seen && seen.image.digest !== image.digest)
                        throw new Error(`${where} runs two digests of ${repositoryOf(image)} (${seen.file}: ${seen.image.digest}, ${file.path}: ${image.digest}); promote them with explicit images instead`);
                    byRepository.set(key, { image, file: file.path });
                    images.set(image.digest, image);
                }
            });
            const lines = [...byRepository.values()].map(({ image }) => `${repositoryOf(image)}=${formatImageReference(image)}`);
            return parseImageUpdates(lines, 'promote-from');
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
        const host = registryHost(image);
        const registry = client(host);
        const descriptor = await registry.head(apiRepository(image), image.digest);
        if (!descriptor)
            throw new Error(`${formatImageReference(image)} is no longer in its registry (${host}); it cannot be promoted, so nothing was written`);
    }
}


/***/ })

};
