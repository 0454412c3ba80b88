export const id = 467;
export const ids = [467];
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
/* harmony export */   sx: () => (/* binding */ DEFAULT_REGISTRY),
/* harmony export */   x_: () => (/* binding */ InvalidReferenceError)
/* harmony export */ });
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

/***/ 467:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parsePolicies: () => (/* binding */ parsePolicies)
/* harmony export */ });
/* unused harmony exports POLICY_FORM, PolicyError */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2088);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _image_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6382);



const POLICY_FORM = "a YAML mapping with 'images': a list of entries with 'image' (a repository without tag) and one of 'semver' (a range such as '^1.2', with 'prerelease: true' to allow pre-releases), 'pattern' (a regex with a capture group, with 'order-by: number' or 'date') or 'digest-of' (a tag), and optionally 'allow' and 'ignore' (lists of regexes)";
const ENTRY_FORM = "one of 'semver: RANGE', 'pattern: REGEX' with 'order-by: number|date', or 'digest-of: TAG'";
const KEYS = new Set(['image', 'semver', 'prerelease', 'pattern', 'order-by', 'digest-of', 'allow', 'ignore']);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** A policy that cannot be used: names where it was read, the image, and the form expected. */
class PolicyError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PolicyError';
    }
}
function fail(where, image, problem, expected) {
    throw new PolicyError(`${where}: ${image ? `image '${image}': ` : ''}${problem}; expected ${expected}`);
}
function regex(where, image, key, text) {
    if (typeof text !== 'string' || !text)
        fail(where, image, `'${key}' holds ${JSON.stringify(text)}`, `a regular expression as a string`);
    try {
        return new RegExp(text);
    }
    catch (error) {
        return fail(where, image, `'${key}' is not a valid regular expression (${error.message})`, 'a JavaScript regular expression');
    }
}
function regexList(where, image, key, value) {
    if (value === undefined || value === null)
        return [];
    const items = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(items))
        fail(where, image, `'${key}' is not a list`, 'a list of regular expressions');
    return items.map((item) => regex(where, image, key, item));
}
function parseEntry(where, image, raw) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        fail(where, image, 'its policy is not a mapping', ENTRY_FORM);
    const entry = raw;
    const unknown = Object.keys(entry).filter((key) => !KEYS.has(key));
    if (unknown.length)
        fail(where, image, `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `'${key}'`).join(', ')}`, ENTRY_FORM);
    let ref;
    try {
        ref = (0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageReference */ .o_)(image);
    }
    catch (error) {
        if (error instanceof _image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidReferenceError */ .x_)
            fail(where, image, error.message, 'an image repository such as ghcr.io/acme/web');
        throw error;
    }
    if (ref.tag !== undefined || ref.digest !== undefined)
        fail(where, image, 'names a tag or digest', 'the repository alone: the policy chooses the tag');
    const kinds = ['semver', 'pattern', 'digest-of'].filter((key) => entry[key] !== undefined);
    if (kinds.length !== 1)
        fail(where, image, kinds.length ? `has ${kinds.map((kind) => `'${kind}'`).join(' and ')}` : 'has no policy', ENTRY_FORM);
    const kind = kinds[0];
    const flag = (key) => {
        const value = entry[key];
        if (value === undefined)
            return false;
        if (typeof value !== 'boolean')
            fail(where, image, `'${key}' is ${JSON.stringify(value)}`, 'true or false');
        return value;
    };
    if (kind !== 'semver' && entry.prerelease !== undefined)
        fail(where, image, "'prerelease' is set without 'semver'", "'prerelease' with a 'semver' range only");
    if (kind !== 'pattern' && entry['order-by'] !== undefined)
        fail(where, image, "'order-by' is set without 'pattern'", "'order-by' with a 'pattern' only");
    let order;
    let description;
    if (kind === 'semver') {
        const range = typeof entry.semver === 'number' ? String(entry.semver) : entry.semver;
        const prerelease = flag('prerelease');
        if (typeof range !== 'string' || !range.trim() || semver__WEBPACK_IMPORTED_MODULE_0__.validRange(range, { includePrerelease: prerelease }) === null)
            fail(where, image, `'semver' is ${JSON.stringify(entry.semver)}, which is not a semver range`, "a range such as '^1.2', '~2.0.1', '>=1.4 <2' or '*'");
        order = { kind, range: range.trim(), prerelease };
        description = `semver ${order.range}${prerelease ? ' (pre-releases allowed)' : ''}`;
    }
    else if (kind === 'pattern') {
        const pattern = regex(where, image, 'pattern', entry.pattern);
        // The number of groups a regex has: what an empty string's match array would hold.
        const groups = new RegExp(`${pattern.source}|`).exec('').length - 1;
        if (groups < 1)
            fail(where, image, `'pattern' ${JSON.stringify(entry.pattern)} has no capture group to order the tags by`, "a regex with a capture group, such as '^main-(?<n>\\d+)$'");
        const orderBy = entry['order-by'] ?? 'number';
        if (orderBy !== 'number' && orderBy !== 'date')
            fail(where, image, `'order-by' is ${JSON.stringify(orderBy)}`, "'number' or 'date'");
        order = { kind, pattern, orderBy: orderBy };
        description = `pattern ${pattern.source} by ${order.orderBy}`;
    }
    else {
        const tag = entry['digest-of'];
        if (typeof tag !== 'string' || !TAG.test(tag))
            fail(where, image, `'digest-of' is ${JSON.stringify(tag)}`, "a tag such as 'latest' or 'stable'");
        order = { kind, tag: tag };
        description = `digest of ${order.tag}`;
    }
    const allow = regexList(where, image, 'allow', entry.allow);
    const ignore = regexList(where, image, 'ignore', entry.ignore);
    if (allow.length)
        description += `, allow ${allow.map((re) => re.source).join(' | ')}`;
    if (ignore.length)
        description += `, ignore ${ignore.map((re) => re.source).join(' | ')}`;
    return { image, ref, order, allow, ignore, description };
}
/**
 * Parses the policies; `where` names their source for errors ("input
 * 'policies'", "file .gitops-delivery/images.yaml"). Every entry is checked
 * before any is used, and two entries for one repository are refused.
 */
function parsePolicies(text, where) {
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(text, { maxAliasCount: 100 });
    }
    catch (error) {
        fail(where, undefined, `is not YAML (${error.message.split('\n')[0]})`, POLICY_FORM);
    }
    const images = Array.isArray(document) ? document : document?.images;
    if (document && typeof document === 'object' && !Array.isArray(document)) {
        const extra = Object.keys(document).filter((key) => key !== 'images');
        if (extra.length)
            fail(where, undefined, `has unknown key${extra.length > 1 ? 's' : ''} ${extra.map((key) => `'${key}'`).join(', ')}`, POLICY_FORM);
    }
    let entries;
    if (Array.isArray(images)) {
        entries = images.map((item, i) => {
            const image = item?.image;
            if (typeof image !== 'string' || !image)
                fail(where, undefined, `entry ${i + 1} of 'images' has no 'image'`, "each entry to name its repository in 'image'");
            return [image, item];
        });
    }
    else if (images && typeof images === 'object') {
        entries = Object.entries(images).map(([image, policy]) => {
            if (policy && typeof policy === 'object' && 'image' in policy && policy.image !== image)
                fail(where, image, "its 'image' differs from its key", 'the key alone to name the image');
            return [image, policy && typeof policy === 'object' ? { ...policy, image } : policy];
        });
    }
    else {
        return fail(where, undefined, images === undefined ? "has no 'images'" : "'images' is neither a list nor a mapping", POLICY_FORM);
    }
    if (!entries.length)
        fail(where, undefined, "'images' is empty", POLICY_FORM);
    const seen = new Set();
    return entries.map(([image, raw]) => {
        const policy = parseEntry(where, image, raw);
        const key = (0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalRepository */ .JA)(policy.ref);
        if (seen.has(key))
            fail(where, image, 'has two policies', 'one entry per image repository');
        seen.add(key);
        return policy;
    });
}


/***/ })

};
