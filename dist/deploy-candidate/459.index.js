export const id = 459;
export const ids = [459,231,869];
export const modules = {

/***/ 5691:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OF: () => (/* binding */ fenced),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   xv: () => (/* binding */ truncate)
/* harmony export */ });
/* unused harmony export link */
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


/***/ }),

/***/ 6869:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kubectl: () => (/* binding */ Kubectl),
/* harmony export */   KubectlError: () => (/* binding */ KubectlError),
/* harmony export */   MissingKubectlError: () => (/* binding */ MissingKubectlError),
/* harmony export */   isUnreachable: () => (/* binding */ isUnreachable),
/* harmony export */   lastLines: () => (/* binding */ lastLines),
/* harmony export */   namespaceArgs: () => (/* binding */ namespaceArgs),
/* harmony export */   spawnKubectl: () => (/* binding */ spawnKubectl)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);

function spawnKubectl(binary = 'kubectl', env = process.env) {
    const start = (args, stdin, signal) => (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(binary, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGTERM' });
    const finish = (child, out) => new Promise((resolve, reject) => {
        const err = [];
        child.stderr.on('data', (chunk) => err.push(chunk));
        if (out)
            child.stdout.on('data', (chunk) => out.push(chunk));
        child.on('error', (error) => {
            if (error.name === 'AbortError')
                return;
            reject(error.code === 'ENOENT' ? new MissingKubectlError(binary) : error);
        });
        child.on('close', (code, signal) => resolve({
            code: code ?? (signal ? 128 : 1),
            stdout: out ? Buffer.concat(out).toString('utf8') : '',
            stderr: Buffer.concat(err).toString('utf8'),
        }));
    });
    return {
        run(args, { input } = {}) {
            const child = start(args, input !== undefined);
            const done = finish(child, []);
            // kubectl may exit before reading all of its input; its exit code tells what happened.
            child.stdin?.on('error', () => undefined);
            child.stdin?.end(input);
            return done;
        },
        stream(args, onStdout, signal) {
            const child = start(args, false, signal);
            child.stdout.setEncoding('utf8');
            child.stdout.on('data', onStdout);
            return finish(child, undefined);
        },
    };
}
/** The runner has no kubectl: say so, and how to get one, rather than `spawn kubectl ENOENT`. */
class MissingKubectlError extends Error {
    constructor(binary) {
        super(`${binary} is not installed on this runner (not found on PATH): GitHub's ubuntu runners have it; elsewhere add a step such as azure/setup-kubectl, or install the Google Cloud SDK's kubectl`);
        this.name = 'MissingKubectlError';
    }
}
class KubectlError extends Error {
    args;
    stderr;
    code;
    constructor(args, stderr, code) {
        super(`kubectl ${args
            .filter((arg) => !arg.startsWith('-'))
            .slice(0, 2)
            .join(' ')} failed (exit ${code}): ${lastLines(stderr, 6) || 'no message'}`);
        this.args = args;
        this.stderr = stderr;
        this.code = code;
        this.name = 'KubectlError';
    }
}
function lastLines(text, count) {
    return text
        .trim()
        .split('\n')
        .filter((line) => line.trim())
        .slice(-count)
        .join(' | ');
}
/** kubectl's words for "there is no cluster at the other end", as opposed to a cluster that said no. */
function isUnreachable(stderr) {
    return /Unable to connect to the server|connection to the server .* was refused|connection refused|no such host|i\/o timeout|dial tcp|no configuration has been provided|invalid configuration|context was not found|context "[^"]*" does not exist|couldn't get current server API group list/i.test(stderr);
}
/** `-n NAMESPACE`, or nothing for cluster-scoped objects and kubectl's context namespace (''). */
const namespaceArgs = (namespace) => (namespace ? ['-n', namespace] : []);
/** kubectl with the cluster chosen once: every call carries the kubeconfig and context flags. */
class Kubectl {
    runner;
    globals;
    constructor(runner, options = {}) {
        this.runner = runner;
        this.globals = [
            ...(options.kubeconfig ? ['--kubeconfig', options.kubeconfig] : []),
            ...(options.context ? ['--context', options.context] : []),
        ];
    }
    tryRun(args, options = {}) {
        return this.runner.run([...this.globals, ...args], options);
    }
    /** Runs kubectl; a non-zero exit throws a KubectlError carrying kubectl's own message. */
    async run(args, options = {}) {
        const result = await this.tryRun(args, options);
        if (result.code !== 0)
            throw new KubectlError(args, result.stderr, result.code);
        return result.stdout;
    }
    async json(args) {
        return JSON.parse(await this.run([...args, '-o', 'json']));
    }
    stream(args, onStdout, signal) {
        return this.runner.stream([...this.globals, ...args], onStdout, signal);
    }
}


/***/ }),

/***/ 4315:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F8: () => (/* binding */ groupOf),
/* harmony export */   H8: () => (/* binding */ refOf),
/* harmony export */   Ro: () => (/* binding */ describeRef),
/* harmony export */   VE: () => (/* binding */ applyRank),
/* harmony export */   XF: () => (/* binding */ refKey),
/* harmony export */   Z6: () => (/* binding */ isClusterScoped),
/* harmony export */   gv: () => (/* binding */ isWorkload),
/* harmony export */   j6: () => (/* binding */ resourceArg)
/* harmony export */ });
/* unused harmony export WORKLOAD_KINDS */
/** Kubernetes objects as the manifests and kubectl give them, and how we name them. */
/** Apply order: Namespaces (0), then CRDs (1), which other objects need to exist first, then the rest (2). */
function applyRank(ref) {
    if (ref.group === '' && ref.kind === 'Namespace')
        return 0;
    return ref.kind === 'CustomResourceDefinition' ? 1 : 2;
}
/** The kinds whose rollout we wait for. */
const WORKLOAD_KINDS = ['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job'];
/** Built-in kinds that live outside namespaces; custom kinds say so in their CRD. */
const CLUSTER_SCOPED = new Set([
    '/Namespace',
    '/Node',
    '/PersistentVolume',
    '/ComponentStatus',
    'apiextensions.k8s.io/CustomResourceDefinition',
    'apiregistration.k8s.io/APIService',
    'rbac.authorization.k8s.io/ClusterRole',
    'rbac.authorization.k8s.io/ClusterRoleBinding',
    'storage.k8s.io/StorageClass',
    'storage.k8s.io/CSIDriver',
    'storage.k8s.io/CSINode',
    'storage.k8s.io/VolumeAttachment',
    'scheduling.k8s.io/PriorityClass',
    'networking.k8s.io/IngressClass',
    'node.k8s.io/RuntimeClass',
    'admissionregistration.k8s.io/MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
    'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
    'certificates.k8s.io/CertificateSigningRequest',
    'flowcontrol.apiserver.k8s.io/FlowSchema',
    'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);
function groupOf(apiVersion) {
    const slash = apiVersion.indexOf('/');
    return slash < 0 ? '' : apiVersion.slice(0, slash);
}
function isClusterScoped(group, kind, customClusterKinds = new Set()) {
    const key = `${group}/${kind}`;
    return CLUSTER_SCOPED.has(key) || customClusterKinds.has(key);
}
function isWorkload(ref) {
    return WORKLOAD_KINDS.includes(`${ref.group}/${ref.kind}`);
}
function refOf(object) {
    return { group: groupOf(object.apiVersion), kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name };
}
function refKey(ref) {
    return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}
/** The name kubectl takes on its command line: `deployment.apps`, `service`. */
function resourceArg(ref) {
    return ref.group ? `${ref.kind.toLowerCase()}.${ref.group}` : ref.kind.toLowerCase();
}
/** `deployment.apps/web in shop`, as a person reads it. */
function describeRef(ref) {
    return `${resourceArg(ref)}/${ref.name}${ref.namespace ? ` in ${ref.namespace}` : ''}`;
}


/***/ }),

/***/ 8459:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployWithStrategy: () => (/* binding */ deployWithStrategy)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./.tmp/build/src/git/identity.js

const ACTIONS_BOT = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };
/** `Name <email>`, the form git prints. */
function parseIdentity(text, input) {
    const match = /^([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text.trim());
    if (!match)
        throw new InputError(input, `'${text}' is not an identity`, "'Name <email@example.com>'");
    return { name: match[1], email: match[2] };
}
function formatIdentity(identity) {
    return `${identity.name} <${identity.email}>`;
}

;// CONCATENATED MODULE: ./.tmp/build/src/git/git.js


const spawnGit = (args, { cwd, env, input }) => new Promise((resolve, reject) => {
    const child = (0,external_node_child_process_.spawn)('git', args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 1 }));
    // A command that exits without reading all its input is judged by its exit code, not by EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
});
class GitError extends Error {
    args;
    stderr;
    code;
    constructor(args, stderr, code) {
        super(`git ${args[0]} failed (exit ${code}): ${stderr.trim().split('\n').slice(-4).join(' | ') || 'no message'}`);
        this.args = args;
        this.stderr = stderr;
        this.code = code;
        this.name = 'GitError';
    }
}
/**
 * git in one working directory. The token travels as an HTTP header in
 * GIT_CONFIG_* variables of each command, as actions/checkout's extraheader
 * does, but never written to .git/config and never on a command line that
 * `ps` would show. Everything git prints passes through `redact` first.
 */
class Git {
    dir;
    env;
    secrets;
    constructor(dir, options = {}) {
        this.dir = dir;
        this.exec = options.exec ?? spawnGit;
        const committer = options.committer ?? ACTIONS_BOT;
        const header = options.token ? `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}` : '';
        this.secrets = options.token ? [options.token, header.slice('AUTHORIZATION: basic '.length)] : [];
        const config = [
            ['core.hooksPath', '/dev/null'],
            ['advice.detachedHead', 'false'],
            ['init.defaultBranch', 'main'],
            ['gc.auto', '0'],
            ['maintenance.auto', 'false'],
            ...(header ? [['http.extraheader', header]] : []),
        ];
        this.env = {
            ...(options.baseEnv ?? process.env),
            GIT_TERMINAL_PROMPT: '0',
            GCM_INTERACTIVE: 'never',
            GIT_ASKPASS: 'true',
            SSH_ASKPASS: 'true',
            LC_ALL: 'C',
            GIT_COMMITTER_NAME: committer.name,
            GIT_COMMITTER_EMAIL: committer.email,
            GIT_CONFIG_NOSYSTEM: '1',
            GIT_CONFIG_COUNT: String(config.length),
            ...Object.fromEntries(config.flatMap(([key, value], i) => [
                [`GIT_CONFIG_KEY_${i}`, key],
                [`GIT_CONFIG_VALUE_${i}`, value],
            ])),
        };
    }
    exec;
    redact(text) {
        return this.secrets.reduce((result, secret) => result.split(secret).join('***'), text);
    }
    /** Runs git; a non-zero exit throws a GitError whose text holds no secret. */
    async run(args, options = {}) {
        const result = await this.tryRun(args, options);
        if (result.code !== 0)
            throw new GitError(args, result.stderr, result.code);
        return result.stdout;
    }
    async tryRun(args, options = {}) {
        const result = await this.spawn(args, options);
        return { code: result.code, stdout: this.redact(result.stdout.toString('utf8')), stderr: result.stderr };
    }
    /** Runs git for its raw output, such as blob contents. */
    async bytes(args, options = {}) {
        const result = await this.spawn(args, options);
        if (result.code !== 0)
            throw new GitError(args, result.stderr, result.code);
        return result.stdout;
    }
    async spawn(args, { input, env }) {
        const result = await this.exec(args, { cwd: this.dir, env: env ? { ...this.env, ...env } : this.env, input });
        return { ...result, stderr: this.redact(result.stderr) };
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/git/tree.js
const SYMLINK = '120000';
const REGULAR = '100644';
/**
 * The tree being edited, held in git's index and never checked out: an env
 * repository of thousands of files costs one `read-tree`, and reads and writes
 * go through git's object store, so no path from the user ever reaches the
 * file system and no symbolic link can be followed out of the repository.
 */
class IndexTree {
    git;
    constructor(git) {
        this.git = git;
    }
    /** Loads a commit's tree (or nothing, for a branch's first commit). */
    async reset(commit) {
        await this.git.run(commit ? ['read-tree', commit] : ['read-tree', '--empty']);
    }
    async entries() {
        const text = await this.git.run(['ls-files', '--stage', '-z']);
        return text
            .split('\0')
            .filter(Boolean)
            .map((line) => {
            const tab = line.indexOf('\t');
            const [mode, object] = line.slice(0, tab).split(' ');
            return { mode, object, path: line.slice(tab + 1) };
        });
    }
    /** Contents of many blobs in one `cat-file --batch`, in the order asked. */
    async read(objects) {
        if (objects.length === 0)
            return [];
        const out = await this.git.bytes(['cat-file', '--batch'], { input: objects.join('\n') + '\n' });
        const blobs = [];
        let at = 0;
        for (const object of objects) {
            const headerEnd = out.indexOf(0x0a, at);
            const header = out.subarray(at, headerEnd).toString('utf8');
            const size = Number(header.split(' ')[2]);
            if (!Number.isInteger(size))
                throw new Error(`git cat-file could not read ${object}: ${header}`);
            blobs.push(out.subarray(headerEnd + 1, headerEnd + 1 + size));
            at = headerEnd + 1 + size + 1;
        }
        return blobs;
    }
    /** Stores contents as blobs and puts them in the index at their paths. */
    async write(files) {
        if (files.length === 0)
            return;
        const lines = [];
        for (const file of files) {
            const object = (await this.git.run(['hash-object', '-w', '--stdin'], { input: file.content })).trim();
            lines.push(`${file.mode ?? REGULAR} ${object}\t${file.path}`);
        }
        await this.update(lines);
    }
    /** Sets entries as they are in another tree (mode and object), or removes them. */
    async set(entries, removed = []) {
        await this.update([
            ...removed.map((path) => `0 ${'0'.repeat(40)}\t${path}`),
            ...entries.map((entry) => `${entry.mode} ${entry.object}\t${entry.path}`),
        ]);
    }
    /** Every entry of a commit's tree, recursively. */
    async entriesOf(commit) {
        const text = await this.git.run(['ls-tree', '-r', '-z', '--full-tree', commit]);
        return text
            .split('\0')
            .filter(Boolean)
            .map((line) => {
            const tab = line.indexOf('\t');
            const [mode, , object] = line.slice(0, tab).split(' ');
            return { mode, object, path: line.slice(tab + 1) };
        });
    }
    /** Writes the index as a tree object and returns its id. */
    async writeTree() {
        return (await this.git.run(['write-tree'])).trim();
    }
    async update(lines) {
        if (lines.length)
            await this.git.run(['update-index', '--add', '--remove', '-z', '--index-info'], { input: lines.join('\0') + '\0' });
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/git/env-repo.js



/** Why a remote refused us, in words a user can act on. */
class RemoteError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RemoteError';
    }
}
function explainRemoteFailure(error, remote, input) {
    const text = error.stderr;
    if (/Authentication failed|could not read Username|401|403|Permission denied|access denied|not authorized/i.test(text)) {
        return new RemoteError(`input '${input}': ${remote.url} refused the credentials (${lastLine(text)}); check the 'token' input: it needs contents: write on that repository`);
    }
    return new RemoteError(`input '${input}': cannot reach ${remote.url} (${lastLine(text)}); expected a reachable git repository`);
}
function lastLine(text) {
    return (text
        .trim()
        .split('\n')
        .filter((line) => line.trim())
        .pop()
        ?.replace(/^fatal: /, '') ?? 'no message');
}
/** What the remote said when it refused a push: its own `remote:` lines and the rejection reason. */
function pushRefusal(text) {
    const said = text
        .split('\n')
        .map((line) => /^remote: (?:error: )?(.+)$/.exec(line)?.[1] ?? /\[(?:remote )?rejected\].*$/.exec(line)?.[0])
        .filter((line) => Boolean(line?.trim()));
    return said.length ? said.join(' | ') : lastLine(text);
}
/** The flag `git push --porcelain` printed for one ref: ' ' updated, '*' created, '+' forced, '=' already there, '!' rejected. */
function pushStatus(stdout, ref) {
    for (const line of stdout.split('\n')) {
        const [flag, refs] = line.split('\t');
        if (refs?.endsWith(`:${ref}`) && flag.length === 1)
            return flag;
    }
    return undefined;
}
/** A push the remote refused because its branch moved: fetch, re-apply, try again. */
const RACE_LOST = /\[rejected\]|non-fast-forward|fetch first|cannot lock ref|incorrect old value|failed to update ref|stale info|\[remote rejected\].*(lock|old)/;
const DEFAULT_RETRY = {
    budgetMs: 10 * 60_000,
    attempts: Number.POSITIVE_INFINITY,
    baseDelayMs: 250,
    maxDelayMs: 8000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    now: () => performance.now(),
};
/**
 * A minimal local copy of the env repository: one branch at a time, fetched
 * shallow, written back with a fast-forward-only push. Every write is an
 * operation on the tree that is re-run on the newest tip when a concurrent
 * writer got there first, so no update is lost and the newest image wins.
 */
class EnvRepo {
    options;
    git;
    retry;
    input;
    constructor(options) {
        this.options = options;
        this.git = new Git(options.dir, {
            token: options.remote.http ? options.token : undefined,
            exec: options.exec,
            committer: options.committer,
        });
        this.retry = { ...DEFAULT_RETRY, ...options.retry };
        this.input = options.input ?? 'env-repository';
    }
    get dir() {
        return this.options.dir;
    }
    static async open(options) {
        await (0,promises_.mkdir)(options.dir, { recursive: true });
        const repo = new EnvRepo(options);
        await repo.git.run(['init', '-q']);
        await repo.git.run(['remote', 'add', 'origin', options.remote.url]);
        return repo;
    }
    /** One round trip: every branch and the default branch. Unreachable or refused remotes fail here, before any work. */
    async tips() {
        let text;
        try {
            text = await this.git.run(['ls-remote', '--symref', 'origin', 'HEAD', 'refs/heads/*']);
        }
        catch (error) {
            if (error instanceof GitError)
                throw explainRemoteFailure(error, this.options.remote, this.input);
            throw error;
        }
        const branches = new Map();
        let defaultBranch;
        for (const line of text.split('\n')) {
            const symref = /^ref: refs\/heads\/(\S+)\s+HEAD$/.exec(line);
            if (symref)
                defaultBranch = symref[1];
            const ref = /^([0-9a-f]{40,64})\s+refs\/heads\/(\S+)$/.exec(line);
            if (ref)
                branches.set(ref[2], ref[1]);
        }
        return { branches, defaultBranch };
    }
    /** Fetches one commit (and its tree) shallowly; returns its SHA. */
    async fetch(revision) {
        await this.git.run(['fetch', '-q', '--no-tags', '--depth=1', 'origin', revision]);
        return (await this.git.run(['rev-parse', 'FETCH_HEAD'])).trim();
    }
    /**
     * Fetches a branch's tip shallowly and returns it, or undefined when the
     * remote has no such branch. The tip is read from what was fetched, never
     * from an earlier listing: a branch that moves in between would otherwise
     * name a commit whose objects are not here.
     */
    async fetchBranch(branch) {
        const fetched = await this.git.tryRun(['fetch', '-q', '--no-tags', '--depth=1', 'origin', `refs/heads/${branch}`]);
        if (fetched.code === 0)
            return (await this.git.run(['rev-parse', 'FETCH_HEAD'])).trim();
        if (/couldn't find remote ref/.test(fetched.stderr))
            return undefined;
        throw explainRemoteFailure(new GitError(['fetch'], fetched.stderr, fetched.code), this.options.remote, this.input);
    }
    /** Checks out a fetched commit into the work tree, for tools that read files (kubectl); writes never need it. */
    async checkout(branch, start) {
        if (start) {
            await this.git.run(['checkout', '-q', '--force', '-B', branch, start]);
            await this.git.run(['clean', '-q', '-ffdx']);
        }
        else {
            await this.git.run(['checkout', '-q', '--orphan', branch]);
            await this.git.run(['rm', '-r', '-q', '--cached', '--ignore-unmatch', '.']);
            await this.git.run(['clean', '-q', '-ffdx']);
        }
    }
    /**
     * Commits what `edit` does to the tree of `branch` and pushes it. `start`
     * picks the commit a missing branch begins from. The edit works on the
     * index (see IndexTree), not on checked-out files, and is given the tip it
     * edits. On a lost race the branch is fetched again and the edit re-run on
     * its new tip, after a jittered, growing wait, for as long as the retry
     * budget lasts. `changed` says whether this call's push created the commit:
     * a write that finds its change already made by someone else, whether by an
     * equal tree after a lost race or by the very same commit already at the
     * tip, reports no change.
     */
    async write(branch, start, edit, options = { push: true }) {
        const tree = new IndexTree(this.git);
        const began = this.retry.now();
        for (let attempt = 1;; attempt++) {
            const tip = await this.fetchBranch(branch);
            const base = tip ?? (await start(await this.tips()));
            await tree.reset(base);
            const before = await tree.writeTree();
            const { edit: change, value } = await edit(tree, tip);
            const after = await tree.writeTree();
            const unchanged = { commit: base ?? '', changed: false, pushed: false, attempts: attempt, diff: '', files: [], value };
            if (!change || after === before)
                return unchanged;
            const commit = (await this.git.run(['commit-tree', after, ...(base ? ['-p', base] : []), '-F', '-'], {
                input: change.message,
                env: { GIT_AUTHOR_NAME: change.author.name, GIT_AUTHOR_EMAIL: change.author.email },
            })).trim();
            const made = async () => ({ commit, changed: true, attempts: attempt, ...(await this.diff(before, after)), value });
            if (!options.push)
                return { ...(await made()), pushed: false };
            const target = options.pushRef ?? `refs/heads/${branch}`;
            const pushed = await this.git.tryRun(['push', '--porcelain', ...(options.force ? ['--force'] : []), 'origin', `${commit}:${target}`]);
            if (pushed.code === 0) {
                // The same commit is made twice when two writers make the same change on the same tip in the same second;
                // the remote then already holds it, and the change is the other writer's.
                if (!options.force && pushStatus(pushed.stdout, target) === '=')
                    return { ...unchanged, commit };
                return { ...(await made()), pushed: true };
            }
            const text = `${pushed.stdout}\n${pushed.stderr}`;
            if (!RACE_LOST.test(text)) {
                const error = new GitError(['push'], text, pushed.code);
                throw /Authentication|40[13]|denied|not authorized/i.test(text)
                    ? explainRemoteFailure(error, this.options.remote, this.input)
                    : new RemoteError(`push to ${this.options.remote.url} ${target} was refused: ${pushRefusal(text)}`);
            }
            // Full jitter: writers that lost the same race spread over the whole window instead of meeting again.
            const delay = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1)) * this.retry.random();
            const spent = this.retry.now() - began;
            if (attempt >= this.retry.attempts || spent + delay > this.retry.budgetMs) {
                throw new RemoteError(`${branch} of ${this.options.remote.url} kept moving for ${(spent / 1000).toFixed(1)} s: gave up after ${attempt} attempts; nothing was pushed`);
            }
            this.options.logger.info(`${branch} moved while we wrote it; re-applying on the new tip in ${Math.round(delay)} ms (attempt ${attempt + 1})`);
            await this.retry.sleep(delay);
        }
    }
    /** What a commit changes, as a patch and as the list of its files. */
    async diff(before, after) {
        const diff = await this.git.run(['diff-tree', '-p', '--no-color', '--no-ext-diff', '--no-renames', '--full-index', before, after]);
        const files = (await this.git.run(['diff-tree', '-r', '-z', '--name-only', '--no-renames', before, after])).split('\0').filter(Boolean);
        return { diff, files };
    }
    /** The whole message of a fetched commit. */
    async message(commit) {
        return this.git.run(['log', '-1', '--format=%B', commit]);
    }
    async author(commit) {
        const [name, email] = (await this.git.run(['log', '-1', '--format=%an%x00%ae', commit])).trim().split('\0');
        return { name, email };
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/json-stream.js
/**
 * Splits a stream of concatenated JSON values, such as `kubectl get -w -o
 * json` prints (one indented object per event), into parsed values as soon as
 * each one is complete.
 */
class JsonStream {
    buffer = '';
    scanned = 0;
    depth = 0;
    inString = false;
    escaped = false;
    start = -1;
    push(chunk) {
        this.buffer += chunk;
        const values = [];
        for (let i = this.scanned; i < this.buffer.length; i++) {
            const char = this.buffer[i];
            if (this.inString) {
                if (this.escaped)
                    this.escaped = false;
                else if (char === '\\')
                    this.escaped = true;
                else if (char === '"')
                    this.inString = false;
            }
            else if (char === '"') {
                // Outside a value a quote is stray text, not the start of a string.
                this.inString = this.depth > 0;
            }
            else if (char === '{' || char === '[') {
                if (this.depth++ === 0)
                    this.start = i;
            }
            else if ((char === '}' || char === ']') && this.depth > 0 && --this.depth === 0) {
                values.push(JSON.parse(this.buffer.slice(this.start, i + 1)));
                this.buffer = this.buffer.slice(i + 1);
                i = -1;
                this.start = -1;
            }
        }
        this.scanned = this.buffer.length;
        if (this.depth === 0) {
            // Between values there is only white space (or a line kubectl wrote that is not JSON): nothing to keep.
            this.buffer = '';
            this.scanned = 0;
        }
        return values;
    }
}

// EXTERNAL MODULE: ./.tmp/build/src/kube/kubectl.js
var kube_kubectl = __webpack_require__(6869);
// EXTERNAL MODULE: ./.tmp/build/src/kube/objects.js
var kube_objects = __webpack_require__(4315);
;// CONCATENATED MODULE: ./.tmp/build/src/kube/apply.js



const FIELD_MANAGER = 'gitops-delivery';
/**
 * The server refused what we applied; kubectl's own words, which name the
 * object and the field. `dryRun`: refused by the server's dry run, before
 * anything but the Namespaces and CRDs was written.
 */
class ApplyError extends Error {
    kubectl;
    dryRun;
    constructor(kubectl, dryRun) {
        super(`${dryRun ? 'the server dry run refused the objects' : 'kubectl apply was refused'}: ${kubectl.stderr.trim() || kubectl.message}`);
        this.kubectl = kubectl;
        this.dryRun = dryRun;
        this.name = 'ApplyError';
    }
}
// kubectl reads a stream of JSON objects one after another, as it reads YAML documents.
const stream = (manifests) => manifests.map((m) => JSON.stringify(m.object)).join('\n');
/** Namespaces and CRDs: what other objects need to exist before they can be applied. */
const isFoundation = (m) => (0,kube_objects/* applyRank */.VE)(m.ref) < 2;
/** Kinds that CRDs among the manifests define: the cluster cannot know them before those CRDs are applied. */
function definedHere(manifests) {
    return new Set(manifests.filter((m) => m.ref.kind === 'CustomResourceDefinition').map((m) => `${m.object.spec?.group}/${m.object.spec?.names?.kind}`));
}
/**
 * Asks the cluster, before anything is written, whether it knows every kind
 * we are about to apply (kubectl's client dry run maps each one through
 * discovery). Also the first contact with the cluster, so a missing or wrong
 * kubeconfig fails here.
 */
async function preflight(kubectl, manifests) {
    const custom = definedHere(manifests);
    const checkable = manifests.filter((m) => !custom.has(`${m.ref.group}/${m.ref.kind}`));
    if (!checkable.length)
        return;
    await kubectl.run(['create', '--dry-run=client', '--validate=false', '-o', 'name', '-f', '-'], { input: stream(checkable) });
}
/**
 * Server-side apply, Namespaces and CRDs first, so that what lives in them
 * finds them. Each phase goes through the server's dry run before it is
 * written, so an object the server would refuse (a wrong field, an invalid
 * value) stops the deployment before any workload changes. Objects that name
 * no namespace are applied with `-n` when one was given, apart from those
 * that name their own, because kubectl refuses a `-n` that contradicts an
 * object. Returns the objects as the server stored them.
 */
async function applyManifests(kubectl, manifests, options) {
    const applied = [];
    const foundation = manifests.filter(isFoundation);
    const rest = manifests.filter((m) => !isFoundation(m));
    for (const phase of [foundation, rest]) {
        const defaulted = phase.filter((m) => !m.object.metadata.namespace && m.ref.namespace);
        const namespace = defaulted[0]?.ref.namespace ?? '';
        const batches = [
            { batch: phase.filter((m) => !defaulted.includes(m)), namespaceArgs: [] },
            { batch: defaulted, namespaceArgs: ['-n', namespace] },
        ].filter(({ batch }) => batch.length);
        const apply = async (batch, namespaceArgs, dryRun) => {
            const args = ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, ...(options.forceConflicts ? ['--force-conflicts'] : [])];
            if (dryRun)
                args.push('--dry-run=server');
            try {
                return await kubectl.run([...args, ...namespaceArgs, '-o', 'json', '-f', '-'], { input: stream(batch) });
            }
            catch (error) {
                throw error instanceof kube_kubectl.KubectlError ? new ApplyError(error, dryRun) : error;
            }
        };
        for (const { batch, namespaceArgs } of batches)
            await apply(batch, namespaceArgs, true);
        for (const { batch, namespaceArgs } of batches) {
            const output = await apply(batch, namespaceArgs, false);
            const objects = new JsonStream()
                .push(output)
                .flatMap((value) => value.kind === 'List' ? value.items : [value]);
            for (const object of objects)
                options.logger.info(`applied ${(0,kube_objects/* describeRef */.Ro)((0,kube_objects/* refOf */.H8)(object))}`);
            applied.push(...objects);
        }
        const crds = phase.filter((m) => m.ref.kind === 'CustomResourceDefinition');
        if (crds.length) {
            const timeout = `${Math.ceil((options.crdTimeoutMs ?? 60_000) / 1000)}s`;
            await kubectl.run([
                'wait',
                '--for=condition=Established',
                `--timeout=${timeout}`,
                ...crds.map((m) => `customresourcedefinition.apiextensions.k8s.io/${m.ref.name}`),
            ]);
        }
    }
    return applied;
}
/**
 * Deletes the objects named, in the order given, consecutive ones of one
 * kind and namespace in one call. Those already gone are fine, so a second
 * run finds nothing to do. Returns the objects that existed and were deleted.
 */
async function deleteObjects(kubectl, refs) {
    const batches = [];
    for (const ref of refs) {
        const last = batches.at(-1);
        if (last && (0,kube_objects/* resourceArg */.j6)(last[0]) === (0,kube_objects/* resourceArg */.j6)(ref) && last[0].namespace === ref.namespace)
            last.push(ref);
        else
            batches.push([ref]);
    }
    const deleted = [];
    for (const batch of batches) {
        const [first] = batch;
        const out = await kubectl.run([
            'delete',
            (0,kube_objects/* resourceArg */.j6)(first),
            ...batch.map((ref) => ref.name),
            ...(0,kube_kubectl.namespaceArgs)(first.namespace),
            '--ignore-not-found',
            '--wait=false',
            '-o',
            'name',
        ]);
        // `-o name` prints `deployment.apps/web-canary` for each object it deleted.
        const names = new Set(out.split('\n').map((line) => line.trim().split('/').pop()));
        deleted.push(...batch.filter((ref) => names.has(ref.name)));
    }
    return deleted;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/diagnose.js



const PULL_FAILURES = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable']);
/** Waiting reasons that only mean "not yet". */
const BENIGN_WAITING = new Set(['ContainerCreating', 'PodInitializing']);
const MAX_EVENTS = 10;
const LOG_LINES = 20;
/** A label selector as `kubectl -l` takes it. */
function selectorString(selector) {
    if (!selector)
        return '';
    const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
    for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
        if (operator === 'In')
            parts.push(`${key} in (${values.join(',')})`);
        else if (operator === 'NotIn')
            parts.push(`${key} notin (${values.join(',')})`);
        else if (operator === 'Exists')
            parts.push(key);
        else if (operator === 'DoesNotExist')
            parts.push(`!${key}`);
    }
    return parts.join(',');
}
/** Between two crashes a crash-looping container runs for a moment; its restarts and last exit still tell. */
const crashedBefore = (container) => !container.ready && (container.restartCount ?? 0) > 0 && (container.lastState?.terminated?.exitCode ?? 0) !== 0;
const when = (event) => event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? event.metadata?.creationTimestamp ?? '';
/**
 * Says why a workload did not roll out: what its pods are stuck on (image
 * pulls, crashes with their last log lines, scheduling), the workload's own
 * failure conditions, and the recent Warning events around it. Never throws:
 * a diagnosis that cannot be made says so.
 */
async function diagnose(kubectl, result) {
    const { ref, object } = result;
    const findings = [];
    const ns = (0,kube_kubectl.namespaceArgs)(ref.namespace);
    const conditions = object?.status?.conditions ?? [];
    const progress = conditions.find((c) => c.reason === 'ProgressDeadlineExceeded');
    if (progress)
        findings.push({
            reason: 'ProgressDeadlineExceeded',
            subject: (0,kube_objects/* describeRef */.Ro)(ref),
            message: progress.message ?? 'the rollout made no progress within progressDeadlineSeconds',
        });
    const jobFailure = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
    if (jobFailure)
        findings.push({ reason: jobFailure.reason ?? 'Failed', subject: (0,kube_objects/* describeRef */.Ro)(ref), message: jobFailure.message ?? 'the job failed' });
    let pods = [];
    const selector = selectorString(object?.spec?.selector);
    if (selector) {
        try {
            pods = (await kubectl.json(['get', 'pods', ...ns, '-l', selector])).items;
        }
        catch (error) {
            findings.push({
                reason: 'DiagnosisIncomplete',
                subject: (0,kube_objects/* describeRef */.Ro)(ref),
                message: `could not list its pods: ${(0,errors/* describeError */.U)(error)}`,
            });
        }
    }
    let events = [];
    try {
        events = (await kubectl.json(['get', 'events', ...ns, '--field-selector', 'type=Warning'])).items;
    }
    catch (error) {
        findings.push({
            reason: 'DiagnosisIncomplete',
            subject: (0,kube_objects/* describeRef */.Ro)(ref),
            message: `could not list events: ${(0,errors/* describeError */.U)(error)}`,
        });
    }
    const podNames = new Set(pods.map((pod) => pod.metadata.name));
    const relevant = events
        .filter((event) => event.type === 'Warning')
        .filter(({ involvedObject: about = {} }) => (about.kind === ref.kind && about.name === ref.name) ||
        (about.kind === 'Pod' && podNames.has(about.name ?? '')) ||
        (about.kind === 'ReplicaSet' && ref.kind === 'Deployment' && about.name?.startsWith(`${ref.name}-`)))
        .sort((a, b) => when(a).localeCompare(when(b)));
    const seen = new Map();
    const add = (key, finding) => {
        const earlier = seen.get(key);
        if (earlier) {
            earlier.alsoIn = (earlier.alsoIn ?? 0) + 1;
            return undefined;
        }
        return Promise.resolve(finding()).then((made) => {
            seen.set(key, made);
            findings.push(made);
        });
    };
    const logs = async (pod, container, previous) => {
        const result = await kubectl.tryRun([
            'logs',
            pod.metadata.name,
            ...ns,
            '-c',
            container,
            `--tail=${LOG_LINES}`,
            ...(previous ? ['--previous'] : []),
        ]);
        return result.code === 0 ? result.stdout.trimEnd() || '(no output)' : `(no logs: ${result.stderr.trim().split('\n').pop()})`;
    };
    for (const pod of pods) {
        const podName = pod.metadata.name;
        const unschedulable = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
        if (unschedulable) {
            await add(`Unschedulable`, () => ({
                reason: unschedulable.reason ?? 'Unschedulable',
                subject: `pod ${podName}`,
                message: unschedulable.message ?? 'not scheduled',
            }));
            continue;
        }
        const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
        for (const container of statuses) {
            const subject = `pod ${podName} container ${container.name}`;
            const waiting = container.state?.waiting;
            const terminated = container.state?.terminated;
            if (waiting?.reason && PULL_FAILURES.has(waiting.reason)) {
                // The waiting message says "Back-off pulling"; the kubelet's event says why the pull failed.
                const pullError = [...relevant]
                    .reverse()
                    .find((e) => e.involvedObject?.name === podName && /^Failed to pull image/.test(e.message ?? ''));
                await add(`${waiting.reason} ${container.name} ${container.image}`, () => ({
                    reason: waiting.reason,
                    subject,
                    message: `image ${container.image}: ${pullError?.message ?? waiting.message ?? 'cannot be pulled'}`,
                }));
            }
            else if (waiting?.reason === 'CrashLoopBackOff' || crashedBefore(container)) {
                const last = container.lastState?.terminated;
                await add(`CrashLoopBackOff ${container.name}`, async () => ({
                    reason: 'CrashLoopBackOff',
                    subject,
                    message: `restarted ${container.restartCount ?? 0} times${last ? `; last exit code ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}` : ''}`,
                    logs: await logs(pod, container.name, true),
                }));
            }
            else if (waiting?.reason && !BENIGN_WAITING.has(waiting.reason)) {
                await add(`${waiting.reason} ${container.name}`, () => ({
                    reason: waiting.reason,
                    subject,
                    message: waiting.message ?? waiting.reason,
                }));
            }
            else if (terminated && terminated.exitCode !== 0) {
                await add(`Terminated ${container.name} ${terminated.exitCode}`, async () => ({
                    reason: terminated.reason ?? 'Error',
                    subject,
                    message: `exited with code ${terminated.exitCode}${terminated.message ? `: ${terminated.message}` : ''}`,
                    logs: await logs(pod, container.name, false),
                }));
            }
            else if (container.state?.running && container.ready === false) {
                await add(`NotReady ${container.name}`, () => ({
                    reason: 'NotReady',
                    subject,
                    message: 'running but not ready (see the readiness probe events)',
                }));
            }
        }
    }
    const described = relevant.slice(-MAX_EVENTS).map((e) => {
        const repeated = (e.count ?? 1) > 1 ? ` (×${e.count})` : '';
        return `${e.involvedObject?.kind}/${e.involvedObject?.name}: ${e.reason}: ${e.message}${repeated}`;
    });
    return { ref, findings, events: described };
}

// EXTERNAL MODULE: ./.tmp/build/src/kube/duration.js
var duration = __webpack_require__(9055);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./.tmp/build/src/kube/manifests.js





const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const YAML_FILE = /\.ya?ml$/i;
const EXPECTED = 'files, folders (every .yaml and .yml file in them, recursively) or kustomize folders';
async function kustomizationIn(dir) {
    const names = await (0,promises_.readdir)(dir);
    return KUSTOMIZATION_FILES.some((name) => names.includes(name));
}
/**
 * Reads the objects to deploy from files, folders and kustomize folders, in
 * the order given (folders in name order), and orders them for apply:
 * Namespaces first, then CustomResourceDefinitions, then the rest.
 */
async function loadManifests(entries, options) {
    const input = options.input ?? 'manifests';
    if (!entries.length)
        throw new errors/* InputError */.d(input, 'names no manifests', EXPECTED);
    const texts = [];
    const name = (path) => (0,external_node_path_.relative)(options.root, path) || '.';
    const renderKustomization = async (dir) => {
        try {
            texts.push({ source: `${name(dir)} (kustomize)`, text: await options.kustomize(dir) });
        }
        catch (error) {
            throw new errors/* InputError */.d(input, `${name(dir)}: kustomize could not render it: ${(0,errors/* describeError */.U)(error)}`, 'a folder `kubectl kustomize` renders');
        }
    };
    const walk = async (dir) => {
        if (await kustomizationIn(dir))
            return renderKustomization(dir);
        const children = (await (0,promises_.readdir)(dir, { withFileTypes: true })).filter((child) => !child.name.startsWith('.'));
        children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const child of children) {
            const path = (0,external_node_path_.join)(dir, child.name);
            if (child.isDirectory())
                await walk(path);
            else if (child.isFile() && YAML_FILE.test(child.name))
                texts.push({ source: name(path), text: await (0,promises_.readFile)(path, 'utf8') });
        }
    };
    for (const entry of entries) {
        const path = (0,external_node_path_.resolve)(options.root, entry);
        const found = await (0,promises_.stat)(path).catch(() => undefined);
        if (!found)
            throw new errors/* InputError */.d(input, `'${entry}' does not exist in ${options.root}`, EXPECTED);
        if (found.isDirectory())
            await walk(path);
        else if (KUSTOMIZATION_FILES.includes((0,external_node_path_.basename)(path)))
            await renderKustomization((0,external_node_path_.dirname)(path));
        else
            texts.push({ source: name(path), text: await (0,promises_.readFile)(path, 'utf8') });
    }
    const objects = texts.flatMap(({ source, text }) => parseObjects(text, source, input));
    return settle(objects, options.namespace, input);
}
/** Every object in a YAML stream; `kind: List` is opened. Empty documents are skipped. */
function parseObjects(text, source, input = 'manifests') {
    const found = [];
    (0,dist/* parseAllDocuments */.hR)(text).forEach((doc, index) => {
        const where = `${source}#${index + 1}`;
        const problem = doc.errors[0];
        if (problem)
            throw new errors/* InputError */.d(input, `${where} does not parse: ${problem.message.split('\n')[0]}`, 'YAML Kubernetes objects');
        const value = doc.toJS();
        if (value === null || value === undefined)
            return;
        const items = isList(value) ? value.items : [value];
        for (const item of items)
            found.push({ object: checkObject(item, where, input), source: where });
    });
    return found;
}
function isList(value) {
    const kind = value.kind;
    return typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items);
}
function checkObject(value, where, input) {
    const expected = 'Kubernetes objects with apiVersion, kind and metadata.name';
    if (typeof value !== 'object' || Array.isArray(value))
        throw new errors/* InputError */.d(input, `${where} is not a mapping`, expected);
    const object = value;
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string')
        throw new errors/* InputError */.d(input, `${where} has no apiVersion or kind`, expected);
    if (typeof object.metadata?.name !== 'string' || !object.metadata.name) {
        throw new errors/* InputError */.d(input, `${where} (${object.kind}) has no metadata.name`, `${expected} (generateName cannot be applied)`);
    }
    return object;
}
/** Settles each object's namespace, refuses duplicates, and puts Namespaces and CRDs first. */
function settle(objects, namespace, input) {
    // A custom kind declared cluster-scoped by a CRD in the same manifests takes no namespace either.
    const customClusterKinds = new Set(objects
        .filter(({ object }) => object.kind === 'CustomResourceDefinition' && object.spec?.scope === 'Cluster')
        .map(({ object }) => `${object.spec?.group}/${object.spec?.names?.kind}`));
    const seen = new Map();
    const manifests = objects.map(({ object, source }) => {
        const group = (0,kube_objects/* groupOf */.F8)(object.apiVersion);
        const clusterScoped = (0,kube_objects/* isClusterScoped */.Z6)(group, object.kind, customClusterKinds);
        const ref = {
            group,
            kind: object.kind,
            namespace: clusterScoped ? '' : (object.metadata.namespace ?? namespace),
            name: object.metadata.name,
        };
        const key = (0,kube_objects/* refKey */.XF)(ref);
        const earlier = seen.get(key);
        if (earlier)
            throw new errors/* InputError */.d(input, `${(0,kube_objects/* describeRef */.Ro)(ref)} is declared twice, in ${earlier} and ${source}`, 'each object declared once');
        seen.set(key, source);
        return { object, ref, source };
    });
    return manifests
        .map((m, index) => ({ m, index }))
        .sort((a, b) => (0,kube_objects/* applyRank */.VE)(a.m.ref) - (0,kube_objects/* applyRank */.VE)(b.m.ref) || a.index - b.index)
        .map(({ m }) => m);
}
/** Objects the previous revision declared and the candidate no longer does: what prune deletes, last-applied first. */
function pruneSet(previous, candidate) {
    const kept = new Set(candidate.map(kube_objects/* refKey */.XF));
    const gone = previous.filter((ref) => !kept.has((0,kube_objects/* refKey */.XF)(ref)));
    // Delete in reverse apply order: what lives in a namespace (or is defined by a CRD) goes before it.
    return gone
        .map((ref, index) => ({ ref, index }))
        .sort((a, b) => (0,kube_objects/* applyRank */.VE)(b.ref) - (0,kube_objects/* applyRank */.VE)(a.ref) || b.index - a.index)
        .map(({ ref }) => ref);
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/pods.js
/**
 * What the container runtimes say when the registry answered that the image
 * is not there: containerd (`code = NotFound`, `…: not found`), CRI-O and
 * Docker (`manifest unknown`). Denied access, rate limits and unreachable
 * registries say something else and may pass, so they are not matched.
 */
const IMAGE_NOT_FOUND = /\bcode = NotFound\b|manifest unknown|: not found\s*$/i;
function unpullableContainer(pod) {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const { name, image, state } of statuses) {
        const { reason = '', message = '' } = state?.waiting ?? {};
        // ImagePullBackOff's own message only says "Back-off pulling"; the ErrImagePull before it says why.
        if (reason === 'InvalidImageName' || (reason === 'ErrImagePull' && IMAGE_NOT_FOUND.test(message))) {
            return { pod: pod.metadata.name, container: name, image, reason, message };
        }
    }
    return undefined;
}
/** Whether labels satisfy a label selector, as the API server decides it. */
function matchesSelector(labels = {}, selector) {
    if (!selector)
        return false;
    const matchLabels = Object.entries(selector.matchLabels ?? {});
    const expressions = selector.matchExpressions ?? [];
    if (!matchLabels.length && !expressions.length)
        return false;
    return (matchLabels.every(([key, value]) => labels[key] === value) &&
        expressions.every(({ key, operator, values = [] }) => {
            const has = Object.hasOwn(labels, key);
            if (operator === 'In')
                return has && values.includes(labels[key]);
            if (operator === 'NotIn')
                return !has || !values.includes(labels[key]);
            if (operator === 'Exists')
                return has;
            if (operator === 'DoesNotExist')
                return !has;
            return false;
        }));
}
/**
 * Whether the unpullable container is one the workload's current pod template
 * asks for: a pod of an older revision that cannot pull its older image says
 * nothing about this rollout.
 */
function isTemplateContainer(workload, found) {
    const template = workload.spec?.template?.spec;
    const containers = [...(template?.initContainers ?? []), ...(template?.containers ?? [])];
    return containers.some((container) => container.name === found.container && container.image === found.image);
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/rollout.js
const progressing = (message) => ({ state: 'progressing', message });
const ready = (message) => ({ state: 'ready', message });
const failed = (message) => ({ state: 'failed', message });
function condition(object, type) {
    return object.status?.conditions?.find((c) => c.type === type);
}
const num = (value) => (typeof value === 'number' ? value : 0);
/**
 * Whether a workload has rolled out, judged by the rules `kubectl rollout
 * status` uses (and `kubectl wait --for=condition=complete` for Jobs): the
 * controller must have seen the current generation, and the counts it reports
 * must have caught up with the spec.
 */
function judgeRollout(object) {
    switch (object.kind) {
        case 'Deployment':
            return judgeDeployment(object);
        case 'StatefulSet':
            return judgeStatefulSet(object);
        case 'DaemonSet':
            return judgeDaemonSet(object);
        case 'Job':
            return judgeJob(object);
        default:
            return ready(`${object.kind} has no rollout to wait for`);
    }
}
function observed(object) {
    return num(object.metadata.generation) <= num(object.status?.observedGeneration);
}
function judgeDeployment(d) {
    const name = d.metadata.name;
    if (!observed(d))
        return progressing(`Waiting for deployment spec update to be observed...`);
    const progress = condition(d, 'Progressing');
    if (progress?.reason === 'ProgressDeadlineExceeded')
        return failed(`deployment "${name}" exceeded its progress deadline${progress.message ? `: ${progress.message}` : ''}`);
    const status = d.status ?? {};
    const updated = num(status.updatedReplicas);
    const replicas = d.spec?.replicas;
    if (typeof replicas === 'number' && updated < replicas) {
        return progressing(`Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`);
    }
    if (num(status.replicas) > updated) {
        return progressing(`Waiting for deployment "${name}" rollout to finish: ${num(status.replicas) - updated} old replicas are pending termination...`);
    }
    if (num(status.availableReplicas) < updated) {
        return progressing(`Waiting for deployment "${name}" rollout to finish: ${num(status.availableReplicas)} of ${updated} updated replicas are available...`);
    }
    return ready(`deployment "${name}" successfully rolled out`);
}
function judgeStatefulSet(s) {
    const strategy = s.spec?.updateStrategy;
    // OnDelete: nothing rolls until pods are deleted by hand, so there is nothing to wait for.
    if (strategy?.type && strategy.type !== 'RollingUpdate')
        return ready(`statefulset "${s.metadata.name}" uses ${strategy.type}: no rollout to wait for`);
    const status = s.status ?? {};
    if (!num(status.observedGeneration) || !observed(s))
        return progressing('Waiting for statefulset spec update to be observed...');
    const replicas = s.spec?.replicas;
    if (typeof replicas === 'number' && num(status.readyReplicas) < replicas) {
        return progressing(`Waiting for ${replicas - num(status.readyReplicas)} pods to be ready...`);
    }
    const partition = strategy?.rollingUpdate?.partition;
    if (strategy?.rollingUpdate && typeof replicas === 'number' && typeof partition === 'number') {
        if (num(status.updatedReplicas) < replicas - partition) {
            return progressing(`Waiting for partitioned roll out to finish: ${num(status.updatedReplicas)} out of ${replicas - partition} new pods have been updated...`);
        }
        return ready(`partitioned roll out complete: ${num(status.updatedReplicas)} new pods have been updated...`);
    }
    if (status.updateRevision !== status.currentRevision) {
        return progressing(`waiting for statefulset rolling update to complete ${num(status.updatedReplicas)} pods at revision ${status.updateRevision}...`);
    }
    return ready(`statefulset rolling update complete ${num(status.currentReplicas)} pods at revision ${status.currentRevision}...`);
}
function judgeDaemonSet(d) {
    const name = d.metadata.name;
    const strategy = d.spec?.updateStrategy?.type;
    if (strategy && strategy !== 'RollingUpdate')
        return ready(`daemon set "${name}" uses ${strategy}: no rollout to wait for`);
    if (!observed(d))
        return progressing('Waiting for daemon set spec update to be observed...');
    const status = d.status ?? {};
    const desired = num(status.desiredNumberScheduled);
    if (num(status.updatedNumberScheduled) < desired) {
        return progressing(`Waiting for daemon set "${name}" rollout to finish: ${num(status.updatedNumberScheduled)} out of ${desired} new pods have been updated...`);
    }
    if (num(status.numberAvailable) < desired) {
        return progressing(`Waiting for daemon set "${name}" rollout to finish: ${num(status.numberAvailable)} of ${desired} updated pods are available...`);
    }
    return ready(`daemon set "${name}" successfully rolled out`);
}
function judgeJob(job) {
    const name = job.metadata.name;
    const failure = condition(job, 'Failed');
    if (failure?.status === 'True')
        return failed(`job "${name}" failed: ${[failure.reason, failure.message].filter(Boolean).join(': ') || 'no reason given'}`);
    if (condition(job, 'Complete')?.status === 'True')
        return ready(`job "${name}" completed`);
    const status = job.status ?? {};
    const completions = typeof job.spec?.completions === 'number' ? job.spec.completions : 1;
    return progressing(`Waiting for job "${name}" to complete: ${num(status.succeeded)} of ${completions} succeeded, ${num(status.active)} active, ${num(status.failed)} failed...`);
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/wait.js






const defaultReconnectDelay = (failures) => Math.min(2000, 50 * 2 ** failures);
function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal.aborted)
            return resolve();
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
        }
        signal.addEventListener('abort', done);
    });
}
/**
 * Waits for every workload in parallel, all within one overall timeout. One
 * watch per kind and namespace streams every change (`kubectl get -w`), and
 * each change of a workload we applied is judged by the rollout rules at
 * once, so a verdict comes as soon as the cluster reports it, not at the next
 * poll. With `failFast`, one more watch per namespace follows the pods, and a
 * workload fails at once when a pod of its current template cannot pull an
 * image the registry says does not exist: no wait, however long, would help.
 * A watch that ends early (a dropped connection, a server error) is started
 * again; its first list brings us up to date.
 */
async function waitForRollouts(kubectl, refs, options) {
    const clock = options.clock ?? (() => performance.now());
    const reconnectDelay = options.reconnectDelayMs ?? defaultReconnectDelay;
    const started = clock();
    const tracked = new Map(refs.map((ref) => [(0,kube_objects/* refKey */.XF)(ref), { ref, message: 'not seen yet' }]));
    const all = new AbortController();
    const timer = setTimeout(() => all.abort(), options.timeoutMs);
    const watches = new Set();
    const settle = (item, status, reason) => {
        item.result = { ref: item.ref, status, durationMs: Math.round(clock() - started), reason, object: item.object };
        const line = `${(0,kube_objects/* describeRef */.Ro)(item.ref)}: ${status} after ${(0,duration/* formatDuration */.a)(item.result.durationMs)}: ${reason}`;
        if (status === 'succeeded')
            options.logger.info(line);
        else
            options.logger.warning(line);
        for (const watch of watches)
            if (!watch.pending())
                watch.stop();
    };
    /** Streams `kubectl get --watch` events until nothing it serves is pending, starting it again when it ends early. */
    const watch = async (resource, namespace, pending, onEvent) => {
        let failures = 0;
        while (pending() && !all.signal.aborted) {
            const done = new AbortController();
            const entry = { pending, stop: () => done.abort() };
            watches.add(entry);
            all.signal.addEventListener('abort', entry.stop);
            const stream = new JsonStream();
            let events = 0;
            const exit = await kubectl.stream(['get', resource, ...(0,kube_kubectl.namespaceArgs)(namespace), '--watch', '--output-watch-events', '-o', 'json'], (chunk) => {
                for (const event of stream.push(chunk)) {
                    events++;
                    onEvent(event);
                }
            }, done.signal);
            watches.delete(entry);
            all.signal.removeEventListener('abort', entry.stop);
            if (!pending() || all.signal.aborted)
                break;
            failures = events > 0 ? 0 : failures + 1;
            const why = exit.code === 0 ? 'the server closed it' : `exit ${exit.code}: ${(0,kube_kubectl.lastLines)(exit.stderr, 2) || 'no message'}`;
            options.logger.info(`watch of ${resource}${namespace ? ` in ${namespace}` : ''} ended (${why}); watching again`);
            await sleep(reconnectDelay(failures), all.signal);
        }
    };
    const byNamespace = new Map();
    const byResource = new Map();
    for (const item of tracked.values()) {
        const resource = `${(0,kube_objects/* resourceArg */.j6)(item.ref)} ${item.ref.namespace}`;
        byResource.set(resource, [...(byResource.get(resource) ?? []), item]);
        byNamespace.set(item.ref.namespace, [...(byNamespace.get(item.ref.namespace) ?? []), item]);
    }
    /** Per namespace as the workloads name it, the pods that cannot pull their image, by pod name. */
    const unpullable = new Map();
    const failIfUnpullable = (item) => {
        if (!options.failFast || !item.object || item.result)
            return;
        for (const found of unpullable.get(item.ref.namespace)?.values() ?? []) {
            if (matchesSelector(found.labels, item.object.spec?.selector) && isTemplateContainer(item.object, found)) {
                return settle(item, 'failed', `pod ${found.pod} container ${found.container}: ${found.reason}: image ${found.image} cannot be pulled: ${found.message}`);
            }
        }
    };
    const watchWorkloads = (items) => {
        const byName = new Map(items.map((item) => [item.ref.name, item]));
        return watch((0,kube_objects/* resourceArg */.j6)(items[0].ref), items[0].ref.namespace, () => items.some((item) => !item.result), (event) => {
            const item = event.object?.metadata && byName.get(event.object.metadata.name);
            if (!item || item.result)
                return;
            item.object = event.object;
            if (event.type === 'DELETED')
                return settle(item, 'failed', 'it was deleted while we waited for it');
            if (event.type !== 'ADDED' && event.type !== 'MODIFIED')
                return;
            const verdict = judgeRollout(event.object);
            if (verdict.state !== 'progressing')
                return settle(item, verdict.state === 'ready' ? 'succeeded' : 'failed', verdict.message);
            if (verdict.message !== item.message)
                options.logger.info(`${(0,kube_objects/* describeRef */.Ro)(item.ref)}: ${verdict.message}`);
            item.message = verdict.message;
            failIfUnpullable(item);
        });
    };
    const watchPods = (namespace, items) => {
        const found = new Map();
        unpullable.set(namespace, found);
        return watch('pods', namespace, () => items.some((item) => !item.result), (event) => {
            const pod = event.object;
            if (!pod?.metadata)
                return;
            const container = event.type === 'DELETED' ? undefined : unpullableContainer(pod);
            if (!container)
                return void found.delete(pod.metadata.name);
            found.set(pod.metadata.name, { ...container, labels: pod.metadata.labels });
            items.forEach(failIfUnpullable);
        });
    };
    try {
        await Promise.all([
            ...[...byResource.values()].map(watchWorkloads),
            ...(options.failFast ? [...byNamespace].map(([namespace, items]) => watchPods(namespace, items)) : []),
        ]);
    }
    finally {
        clearTimeout(timer);
    }
    for (const item of tracked.values()) {
        if (!item.result)
            settle(item, 'timed-out', `not rolled out within ${(0,duration/* formatDuration */.a)(options.timeoutMs)}: ${item.message}`);
    }
    return [...tracked.values()].map((item) => item.result);
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/deploy.js










/** A step that applied nothing and waited for nothing: a reject, or a promote with nothing left to switch. */
const emptyRollout = (revision) => ({ revision, applied: [], workloads: [], diagnoses: [], healthy: true });
/** The env repository, fetched one revision at a time into one folder, shallow. */
class EnvRevisions {
    inputs;
    deps;
    repo;
    tips;
    constructor(inputs, deps) {
        this.inputs = inputs;
        this.deps = deps;
    }
    /** The commit a branch or SHA names, or undefined when no such branch exists. */
    async resolve(revision) {
        if (/^[0-9a-f]{40}$/.test(revision))
            return revision;
        this.tips ??= await (await this.open()).tips();
        return this.tips.branches.get(revision);
    }
    /** Fetches a commit and puts its tree in the folder, which it returns. */
    async checkout(sha) {
        const repo = await this.open();
        await repo.checkout('deploy', await repo.fetch(sha));
        return repo.dir;
    }
    async open() {
        this.repo ??= await EnvRepo.open({
            remote: this.inputs.remote,
            dir: (0,external_node_path_.join)(this.deps.workdir, 'env'),
            token: this.inputs.token,
            logger: this.deps.logger,
            exec: this.deps.gitExec,
        });
        return this.repo;
    }
}
/**
 * Deploys one revision of the manifests with the rolling strategy: apply
 * (server-side), wait for every workload in parallel, diagnose what failed,
 * roll back to the production revision on failure, and prune what the
 * candidate dropped once it is healthy.
 */
async function deployCandidate(inputs, deps) {
    const started = (deps.clock ?? (() => performance.now()))();
    return rollingDeploy(await readCandidate(inputs, deps), inputs, deps, started);
}
/**
 * Reads the candidate (a revision of the env repository, or the workspace's
 * files) and asks the cluster whether it knows every kind in it.
 */
async function readCandidate(inputs, deps) {
    const { kubectl, logger } = deps;
    const env = inputs.remote ? new EnvRevisions(inputs, deps) : undefined;
    const load = (root, entries) => loadManifests(entries, { root, namespace: inputs.namespace, kustomize: (dir) => kubectl.run(['kustomize', dir]) });
    // The candidate: a revision of the env repository, or the files in the workspace.
    let candidate;
    if (inputs.ref) {
        const sha = await env.resolve(inputs.ref);
        if (!sha) {
            throw new errors/* InputError */.d('ref', `'${inputs.ref}' is not a branch of ${inputs.remote.url}`, 'a branch of env-repository or a full commit SHA');
        }
        let root;
        try {
            root = await env.checkout(sha);
        }
        catch {
            throw new errors/* InputError */.d('ref', `commit ${sha} is not in ${inputs.remote.url}`, 'the full SHA of a commit pushed to env-repository');
        }
        candidate = { sha, manifests: await load(root, inputs.manifests) };
    }
    else {
        candidate = { sha: deps.context.sha, manifests: await load(deps.context.workspace, inputs.manifests) };
    }
    logger.info(`deploying ${candidate.manifests.length} objects of ${candidate.sha ? candidate.sha.slice(0, 12) : 'the workspace'}`);
    // Namespaces and CRDs are written before the rest goes through the dry run:
    // check every kind first, so that an unknown one stops us before them.
    if (candidate.manifests.some(isFoundation)) {
        try {
            await preflight(kubectl, candidate.manifests);
        }
        catch (error) {
            throw explainRefusal(error, inputs);
        }
    }
    // The production revision, read once, when rollback or prune needs it.
    let production;
    const loadProduction = () => (production ??= (async () => {
        if (!env)
            return { missing: 'env-repository is not set, so there is no production revision to read' };
        const sha = await env.resolve(inputs.productionRef);
        if (!sha)
            return { missing: `${inputs.remote.url} has no branch '${inputs.productionRef}' (production-ref) yet` };
        const entries = inputs.ref ? inputs.manifests : repoPaths(inputs.manifests, deps.context.workspace);
        if (typeof entries === 'string')
            return { missing: entries };
        try {
            return { sha, manifests: await load(await env.checkout(sha), entries) };
        }
        catch (error) {
            return { missing: `its manifests at ${sha.slice(0, 12)} could not be read: ${(0,errors/* describeError */.U)(error)}` };
        }
    })());
    return { candidate, loadProduction };
}
/** The rolling strategy on a candidate already read; `started` is when the step began, for duration-ms. */
async function rollingDeploy({ candidate, loadProduction }, inputs, deps, started) {
    const clock = deps.clock ?? (() => performance.now());
    const { logger } = deps;
    const roll = async (revision, label) => logger.group(`${label}: apply and wait (timeout ${(0,duration/* formatDuration */.a)(inputs.timeoutMs)})`, () => rollOut(revision, inputs, deps, label === 'Candidate'));
    const result = {
        result: 'succeeded',
        revision: candidate.sha,
        candidate: await roll(candidate, 'Candidate'),
        pruned: [],
        durationMs: 0,
    };
    if (result.candidate.healthy) {
        if (inputs.prune) {
            const previous = await loadProduction();
            if ('missing' in previous)
                logger.info(`prune: nothing to compare with: ${previous.missing}`);
            else
                result.pruned = await prune(previous, candidate, deps);
        }
    }
    else {
        result.result = 'failed';
        result.failure = describeFailure(result.candidate);
        if (inputs.rollbackOnFailure) {
            const previous = await loadProduction();
            if ('missing' in previous) {
                result.rollback = { skipped: previous.missing };
                logger.warning(`not rolled back: ${previous.missing}; the failed state is left for inspection`);
                result.failure += `; not rolled back: ${previous.missing}`;
            }
            else {
                const rollback = await roll(previous, `Rollback to ${inputs.productionRef} ${previous.sha.slice(0, 12)}`);
                result.rollback = rollback;
                if (rollback.healthy) {
                    result.result = 'rolled-back';
                    result.failure += `; rolled back to ${inputs.productionRef} ${previous.sha.slice(0, 12)}`;
                    if (inputs.prune)
                        result.pruned = await prune(candidate, previous, deps);
                }
                else {
                    result.failure += `; the rollback to ${inputs.productionRef} ${previous.sha.slice(0, 12)} failed too: ${describeFailure(rollback)}`;
                }
            }
        }
    }
    result.durationMs = Math.round(clock() - started);
    return result;
}
/** Applies one revision, waits for its workloads, and diagnoses those that did not roll out. */
async function rollOut(revision, inputs, deps, candidate) {
    const { kubectl, logger } = deps;
    const rollout = { revision: revision.sha, applied: [], workloads: [], diagnoses: [], healthy: false };
    try {
        const applied = await applyManifests(kubectl, revision.manifests, { forceConflicts: inputs.forceConflicts, logger });
        rollout.applied = applied.map(kube_objects/* refOf */.H8);
    }
    catch (error) {
        if (!(error instanceof ApplyError))
            throw error;
        // Refused before any workload changed: a mistake in the manifests, with nothing to roll back.
        if (candidate && error.dryRun)
            throw explainRefusal(error.kubectl, inputs);
        rollout.applyError = error.message;
        logger.error(error.message);
        return rollout;
    }
    const workloads = rollout.applied.filter(kube_objects/* isWorkload */.gv);
    logger.info(`waiting for ${workloads.length} workload${workloads.length === 1 ? '' : 's'}`);
    rollout.workloads = await waitForRollouts(kubectl, workloads, {
        timeoutMs: inputs.timeoutMs,
        failFast: inputs.failFast,
        logger,
        clock: deps.clock,
        reconnectDelayMs: deps.reconnectDelayMs,
    });
    const failed = rollout.workloads.filter((workload) => workload.status !== 'succeeded');
    rollout.diagnoses = await Promise.all(failed.map((workload) => diagnose(kubectl, workload)));
    for (const diagnosis of rollout.diagnoses) {
        const name = (0,kube_objects/* describeRef */.Ro)(diagnosis.ref);
        if (!diagnosis.findings.length)
            logger.error(`${name}: ${failed.find((w) => w.ref === diagnosis.ref)?.reason}`);
        for (const finding of diagnosis.findings) {
            const more = finding.alsoIn ? ` (and ${finding.alsoIn} more like it)` : '';
            logger.error(`${name}: ${finding.reason}: ${finding.subject}${more}: ${finding.message}${finding.logs ? `\nlast log lines:\n${finding.logs}` : ''}`);
        }
        if (diagnosis.events.length)
            logger.info(`${name}: recent warnings:\n  ${diagnosis.events.join('\n  ')}`);
    }
    rollout.healthy = failed.length === 0;
    return rollout;
}
/** Deletes what `previous` declared and `next` no longer does. */
async function prune(previous, next, deps) {
    if (previous.sha && previous.sha === next.sha)
        return [];
    const gone = pruneSet(previous.manifests.map((m) => m.ref), next.manifests.map((m) => m.ref));
    deps.logger.info(gone.length
        ? `prune: ${gone.length} objects of ${previous.sha.slice(0, 12)} are gone from ${next.sha.slice(0, 12) || 'the candidate'}`
        : 'prune: nothing to delete');
    await deleteObjects(deps.kubectl, gone);
    for (const ref of gone)
        deps.logger.info(`pruned ${(0,kube_objects/* describeRef */.Ro)(ref)}`);
    return gone;
}
/** Workspace paths as paths in the env repository; a path outside the workspace has no counterpart there. */
function repoPaths(entries, workspace) {
    const mapped = [];
    for (const entry of entries) {
        const path = (0,external_node_path_.relative)(workspace, (0,external_node_path_.resolve)(workspace, entry)) || '.';
        if (path.startsWith('..') || (0,external_node_path_.isAbsolute)(path))
            return `manifests entry '${entry}' is outside the workspace, so it has no counterpart in env-repository`;
        mapped.push(path);
    }
    return mapped;
}
function describeFailure(rollout) {
    if (rollout.applyError)
        return rollout.applyError;
    const failed = rollout.workloads.filter((workload) => workload.status !== 'succeeded');
    const first = failed[0];
    const finding = rollout.diagnoses.find((d) => d.ref === first.ref)?.findings[0];
    const why = finding ? `${finding.reason}: ${finding.message}` : first.reason;
    return `${failed.length} of ${rollout.workloads.length} workloads did not roll out (${(0,kube_objects/* describeRef */.Ro)(first.ref)} ${first.status}: ${why})`;
}
/** The cluster refused the candidate before any workload changed: say which input to fix. */
function explainRefusal(error, inputs) {
    if (!(error instanceof kube_kubectl.KubectlError))
        return error;
    const said = (0,kube_kubectl.lastLines)(error.stderr, 1) || error.message;
    if (/context was not found|context "[^"]*" does not exist/i.test(error.stderr)) {
        return new errors/* InputError */.d('context', said.replace(/^error: /, ''), 'a context defined in the kubeconfig');
    }
    if ((0,kube_kubectl.isUnreachable)(error.stderr)) {
        const which = inputs.kubeconfig ? 'the kubeconfig given' : "kubectl's default kubeconfig";
        return new errors/* InputError */.d('kubeconfig', `no cluster reachable with ${which}: ${said}`, 'a kubeconfig (path or content) for a reachable cluster');
    }
    return new errors/* InputError */.d('manifests', `the cluster refused them before any workload changed: ${error.stderr.trim()}`, 'objects the API server accepts, of kinds it serves (install CRDs first)');
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/shape.js
/** The label that tells canary and baseline pods apart; canary-check's `{{track}}` takes its values. */
const TRACK_LABEL = 'track';
const TRACKS = (/* unused pure expression or super */ null && (['canary', 'baseline']));
/** The label that tells the two blue-green Deployments' pods apart, and that the live Service selects. */
const COLOR_LABEL = 'color';
const COLORS = ['blue', 'green'];
/** Where the live colour is recorded: on the Service, which is what the switch changes. */
const LIVE_COLOR_ANNOTATION = 'gitops-delivery/live-color';
/** Marks a preview Service with the Service it previews, so it is never taken for a live one. */
const PREVIEW_OF_LABEL = 'gitops-delivery/preview-of';
const trackName = (deployment, track) => `${deployment}-${track}`;
const colorName = (deployment, color) => `${deployment}-${color}`;
const previewName = (service) => `${service}-preview`;
function isColor(value) {
    return COLORS.includes(value);
}
/** The colour a new deployment gets: the one not live. The first one, beside a plain Deployment or nothing, is green. */
function nextColor(live) {
    return live === 'green' ? 'blue' : 'green';
}
/**
 * Replicas of the canary, and of the baseline, so that each gets about
 * `percentage`% of the traffic the primary's replicas get (a Service spreads
 * traffic over pods): rounded up, and at least one pod, or there is nothing
 * to measure.
 */
function canaryReplicas(percentage, primaryReplicas) {
    return Math.max(1, Math.ceil((percentage * Math.max(0, primaryReplicas)) / 100));
}
/**
 * Kinds applied with the canary or the new colour at deploy time: what pods
 * need in order to start. Everything else (Services, Ingresses, autoscalers,
 * other workloads) changes production and waits for promote.
 */
const POD_DEPENDENCIES = new Set(['/ConfigMap', '/Secret', '/ServiceAccount', '/PersistentVolumeClaim', '/Namespace']);
function isPodDependency(m) {
    return POD_DEPENDENCIES.has(`${m.ref.group}/${m.ref.kind}`);
}
function isDeployment(m) {
    return m.ref.group === 'apps' && m.ref.kind === 'Deployment';
}
function isService(m) {
    return m.ref.group === '' && m.ref.kind === 'Service';
}
/** Deployment spec fields that make a copy behave like its source; replicas, selector and template are set apart. */
const COPIED_SPEC_FIELDS = ['minReadySeconds', 'progressDeadlineSeconds', 'strategy'];
/**
 * A Deployment beside `base`: renamed, with `label: value` added to its
 * labels, its selector and its pod template, so that its pods are told apart
 * while still matching the Services that select `base`'s pods. Only what the
 * manifests would say is kept: nothing the server wrote (status, uid,
 * managedFields) goes into an apply.
 */
function derivedDeployment(base, derived) {
    const spec = base.spec ?? {};
    const template = structuredClone((derived.template ?? spec.template ?? {}));
    const { creationTimestamp: _created, ...templateMetadata } = template.metadata ?? {};
    const selector = structuredClone(spec.selector ?? {});
    const copied = Object.fromEntries(COPIED_SPEC_FIELDS.filter((key) => spec[key] !== undefined).map((key) => [key, spec[key]]));
    const replicas = derived.replicas ?? spec.replicas;
    return {
        apiVersion: base.apiVersion,
        kind: base.kind,
        metadata: {
            name: derived.name,
            ...(base.metadata.namespace ? { namespace: base.metadata.namespace } : {}),
            labels: { ...base.metadata.labels, [derived.label]: derived.value },
        },
        spec: {
            ...(replicas !== undefined ? { replicas } : {}),
            ...copied,
            selector: { ...selector, matchLabels: { ...selector.matchLabels, [derived.label]: derived.value } },
            template: {
                ...template,
                metadata: { ...templateMetadata, labels: { ...template.metadata?.labels, [derived.label]: derived.value } },
            },
        },
    };
}
/** ObjectSpec types a Deployment's selector; a Service's is a plain map. */
const serviceSpec = (spec) => spec;
/** A Service's selector, which is a plain map (`spec.selector`), unlike a Deployment's. */
function serviceSelector(service) {
    return service.spec?.selector ?? {};
}
/**
 * The label the Deployment controller puts on the pods of each ReplicaSet.
 * Before the first switch, the live Services are pinned to the plain
 * Deployment's pods with it: the new colour's pods carry the app's labels
 * too, and would otherwise get live traffic before promote.
 */
const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** A Service's selector without the pin: the labels that route to the app. */
function routingSelector(service) {
    const { [POD_TEMPLATE_HASH_LABEL]: _pin, ...routing } = serviceSelector(service);
    return routing;
}
/**
 * A JSON merge patch that changes a Service's selector from `from` to `to`
 * (a label to drop becomes null) and, when `liveColor` is given, sets its
 * live-colour record (null removes it). A patch touches only these fields,
 * whoever manages the rest of the Service.
 */
function retargetPatch(from, to, liveColor) {
    const selector = { ...to };
    for (const key of Object.keys(from))
        if (!(key in to))
            selector[key] = null;
    return {
        ...(liveColor === undefined ? {} : { metadata: { annotations: { [LIVE_COLOR_ANNOTATION]: liveColor } } }),
        spec: { selector },
    };
}
/**
 * Whether a Service sends traffic to a Deployment's pods: every label of its
 * selector, but the colour the blue-green switch adds and the pin to a plain
 * Deployment's pods, is on the pod template. An empty selector selects no pods (its endpoints are managed by
 * hand).
 */
function selectsPods(service, templateLabels) {
    const selector = Object.entries(routingSelector(service)).filter(([key]) => key !== COLOR_LABEL);
    return selector.length > 0 && selector.every(([key, value]) => templateLabels?.[key] === value);
}
function isPreview(service) {
    return Boolean(service.metadata.labels?.[PREVIEW_OF_LABEL]);
}
/** The colour a Service records as live, or undefined (never switched, or an unknown value). */
function liveColorOf(service) {
    const value = service.metadata.annotations?.[LIVE_COLOR_ANNOTATION];
    return isColor(value) ? value : undefined;
}
/**
 * A Service for checks that selects only `color`'s pods, with `service`'s
 * ports. Always a ClusterIP Service, whatever the live one is: a preview
 * must not take a load balancer or node ports.
 */
function previewService(service, color) {
    const ports = (service.spec?.ports ?? []).map(({ name, port, targetPort, protocol, appProtocol }) => Object.fromEntries(Object.entries({ name, port, targetPort, protocol, appProtocol }).filter(([, value]) => value !== undefined)));
    return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
            name: previewName(service.metadata.name),
            ...(service.metadata.namespace ? { namespace: service.metadata.namespace } : {}),
            labels: { ...service.metadata.labels, [PREVIEW_OF_LABEL]: service.metadata.name, [COLOR_LABEL]: color },
        },
        spec: serviceSpec({ type: 'ClusterIP', selector: { ...routingSelector(service), [COLOR_LABEL]: color }, ports }),
    };
}
/**
 * The live Service switched to `color`: the selector and the record of the
 * live colour change together, in one update. `service` is the object the
 * manifests declare, applied whole so that server-side apply keeps every
 * field we manage; for a Service the manifests do not declare, only the two
 * fields we own are sent (`declared` false).
 */
function switchedService(service, color, declared) {
    const annotations = { ...service.metadata.annotations, [LIVE_COLOR_ANNOTATION]: color };
    const selector = { ...routingSelector(service), [COLOR_LABEL]: color };
    if (!declared) {
        return {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: {
                name: service.metadata.name,
                ...(service.metadata.namespace ? { namespace: service.metadata.namespace } : {}),
                annotations: { [LIVE_COLOR_ANNOTATION]: color },
            },
            spec: serviceSpec({ selector }),
        };
    }
    const switched = structuredClone(service);
    switched.metadata.annotations = annotations;
    switched.spec = serviceSpec({ ...switched.spec, selector });
    return switched;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/cluster.js





/** The object as the cluster has it, or undefined when there is none. */
async function getLive(kubectl, ref) {
    const out = await kubectl.run(['get', (0,kube_objects/* resourceArg */.j6)(ref), ref.name, ...(0,kube_kubectl.namespaceArgs)(ref.namespace), '--ignore-not-found', '-o', 'json']);
    return out.trim() ? JSON.parse(out) : undefined;
}
/** Every Service of a namespace ('' for the context's). */
async function listServices(kubectl, namespace) {
    return (await kubectl.json(['get', 'services', ...(0,kube_kubectl.namespaceArgs)(namespace)])).items;
}
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/**
 * The pod-template-hash of a Deployment's current ReplicaSet (the one of its
 * revision, owned by it), which labels the pods it runs now; undefined when
 * it has none yet.
 */
async function currentPodTemplateHash(kubectl, deployment) {
    const revision = deployment.metadata.annotations?.[REVISION_ANNOTATION];
    const selector = selectorString(deployment.spec?.selector);
    if (!revision || !selector)
        return undefined;
    const { items } = await kubectl.json([
        'get',
        'replicasets.apps',
        ...(0,kube_kubectl.namespaceArgs)(deployment.metadata.namespace ?? ''),
        '-l',
        selector,
    ]);
    const current = items.find((rs) => rs.metadata.annotations?.[REVISION_ANNOTATION] === revision &&
        rs.metadata.ownerReferences?.some((owner) => owner.uid === deployment.metadata.uid));
    return current?.metadata.labels?.[POD_TEMPLATE_HASH_LABEL];
}
/** Applies a JSON merge patch to a Service: only the fields it names change. */
async function patchService(kubectl, ref, patch) {
    await kubectl.run(['patch', 'service', ref.name, ...(0,kube_kubectl.namespaceArgs)(ref.namespace), '--type=merge', '-p', JSON.stringify(patch)]);
}
/** Deletes the objects named, saying which existed; a second run finds nothing to do and succeeds. */
async function deleteNamed(kubectl, refs, logger) {
    const deleted = await deleteObjects(kubectl, refs);
    for (const ref of deleted)
        logger.info(`deleted ${(0,kube_objects/* describeRef */.Ro)(ref)}`);
    return deleted;
}

// EXTERNAL MODULE: ./.tmp/build/src/kube/strategies/report.js
var strategies_report = __webpack_require__(3231);
;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/blue-green.js
/**
 * The blue-green strategy. deploy: the candidate's Deployments run full size
 * as `<name>-<colour>`, the colour not live, beside what serves now, with a
 * `<service>-preview` Service that selects only them, for checks. promote:
 * once they are ready, each live Service's selector moves to the new colour
 * in one update, then the old colour goes. reject: the new colour and its
 * previews go; the live Services never changed.
 *
 * The live colour is recorded on the live Services (`gitops-delivery/live-
 * color`), which is what the switch changes, so the record and the traffic
 * cannot disagree. Before the first switch, a plain Deployment `<name>` is
 * what serves: it counts as the old colour and goes at the first promote.
 */






const serviceRef = (namespace, name) => ({ group: '', kind: 'Service', namespace, name });
const colorRef = (plan, color) => ({
    ...plan.deployment.ref,
    name: colorName(plan.deployment.ref.name, color),
});
const previewRefs = (plan) => plan.services.map((s) => serviceRef(plan.deployment.ref.namespace, previewName(s.ref.name)));
const previous = (plan) => plan.live ? colorRef(plan, plan.live) : plan.plain ? plan.deployment.ref : undefined;
/** Reads, for each Deployment of the candidate, the Services that send it traffic and which colour they serve. */
async function planColors(source, deps) {
    const deployments = source.candidate.manifests.filter(isDeployment);
    if (!deployments.length) {
        throw new errors/* InputError */.d('manifests', "declare no Deployment, so strategy 'blue-green' has nothing to do", "manifests with at least one Deployment, or strategy 'rolling'");
    }
    const namespaces = [...new Set(deployments.map((m) => m.ref.namespace))];
    const liveServices = new Map(await Promise.all(namespaces.map(async (ns) => [ns, (await listServices(deps.kubectl, ns)).filter((s) => !isPreview(s))])));
    return Promise.all(deployments.map(async (deployment) => {
        const { namespace } = deployment.ref;
        const labels = deployment.object.spec?.template?.metadata?.labels;
        const declared = source.candidate.manifests.filter((m) => isService(m) && m.ref.namespace === namespace && selectsPods(m.object, labels));
        const live = (liveServices.get(namespace) ?? []).filter((s) => selectsPods(s, labels));
        const services = new Map();
        const liveNamed = (name) => (liveServices.get(namespace) ?? []).find((s) => s.metadata.name === name);
        for (const m of declared)
            services.set(m.ref.name, { ref: m.ref, object: m.object, declared: true, live: liveNamed(m.ref.name) });
        for (const s of live) {
            if (!services.has(s.metadata.name))
                services.set(s.metadata.name, { ref: serviceRef(namespace, s.metadata.name), object: s, declared: false, live: s });
        }
        if (!services.size) {
            throw new errors/* InputError */.d('manifests', `no Service selects the pods of ${(0,kube_objects/* describeRef */.Ro)(deployment.ref)}, so blue-green has no traffic to switch`, "a Service whose selector matches the Deployment's pod labels, or strategy 'rolling'");
        }
        const colors = [...new Set(live.map(liveColorOf).filter((c) => Boolean(c)))];
        if (colors.length > 1) {
            throw new Error(`the Services of ${(0,kube_objects/* describeRef */.Ro)(deployment.ref)} disagree about the live colour (${live.map((s) => `${s.metadata.name}: ${liveColorOf(s) ?? 'none'}`).join(', ')}); switch them to one colour by hand first`);
        }
        const [liveColor] = colors;
        return {
            deployment,
            services: [...services.values()],
            live: liveColor,
            next: nextColor(liveColor),
            plain: await getLive(deps.kubectl, deployment.ref),
        };
    }));
}
function colorManifest(plan, color) {
    const { deployment } = plan;
    return {
        object: derivedDeployment(deployment.object, { name: colorName(deployment.ref.name, color), label: COLOR_LABEL, value: color }),
        ref: colorRef(plan, color),
        source: `${deployment.source} (${color})`,
    };
}
function previewManifests(plan, color) {
    return plan.services.map((service) => ({
        object: previewService(service.object, color),
        ref: serviceRef(plan.deployment.ref.namespace, previewName(service.ref.name)),
        source: `${plan.deployment.source} (preview of ${service.ref.name})`,
    }));
}
function colorSet(plan, color, withPreviews) {
    const before = previous(plan);
    return {
        namespace: plan.deployment.ref.namespace,
        primary: plan.deployment.ref.name,
        color,
        workload: colorName(plan.deployment.ref.name, color),
        ...(before && before.name !== colorName(plan.deployment.ref.name, color) ? { previous: before.name } : {}),
        services: plan.services.map((s) => s.ref.name),
        previews: withPreviews ? plan.services.map((s) => previewName(s.ref.name)) : [],
    };
}
function combine(first, second) {
    return {
        revision: first.revision,
        applied: [...first.applied, ...second.applied],
        workloads: [...first.workloads, ...second.workloads],
        diagnoses: [...first.diagnoses, ...second.diagnoses],
        applyError: first.applyError ?? second.applyError,
        healthy: first.healthy && second.healthy,
    };
}
async function blueGreen(source, inputs, deps, started) {
    const clock = deps.clock ?? (() => performance.now());
    const plans = await planColors(source, deps);
    const { sha } = source.candidate;
    const report = (0,strategies_report.emptyReport)('blue-green', inputs.action);
    const result = {
        result: 'succeeded',
        revision: sha,
        candidate: emptyRollout(sha),
        pruned: [],
        durationMs: 0,
        strategy: report,
    };
    const { logger } = deps;
    if (inputs.action === 'deploy') {
        for (const plan of plans) {
            const before = previous(plan);
            logger.info(`${(0,kube_objects/* describeRef */.Ro)(plan.deployment.ref)}: deploying ${plan.next} beside ${before ? `${before.name}, which serves now` : 'nothing (no live colour, no plain Deployment)'}`);
        }
        await pinToPlainPods(plans, deps, report.notes);
        const created = plans.flatMap((plan) => [colorManifest(plan, plan.next), ...previewManifests(plan, plan.next)]);
        const manifests = [...source.candidate.manifests.filter(isPodDependency), ...created];
        result.candidate = await logger.group('Blue-green: apply the new colour and its previews, and wait', () => rollOut({ sha, manifests }, inputs, deps, true));
        report.created = created.map((m) => m.ref);
        report.colors = plans.map((plan) => colorSet(plan, plan.next, true));
        if (!result.candidate.healthy) {
            result.result = 'failed';
            result.failure = `${describeFailure(result.candidate)}; the live Services are unchanged, the new colour is left for inspection: action 'reject' removes it`;
        }
    }
    else if (inputs.action === 'reject') {
        report.colors = plans.map((plan) => colorSet(plan, plan.next, false));
        report.deleted = await deleteNamed(deps.kubectl, plans.flatMap((plan) => [colorRef(plan, plan.next), ...previewRefs(plan)]), logger);
        if (!report.deleted.length)
            report.notes.push('No new colour or preview was left to delete.');
        await unpin(plans, deps, report.notes);
    }
    else {
        await promote(plans, source, inputs, deps, result);
    }
    result.durationMs = Math.round(clock() - started);
    return result;
}
async function promote(plans, source, inputs, deps, result) {
    const { kubectl, logger } = deps;
    const report = result.strategy;
    const { sha } = source.candidate;
    // Which colour each Deployment ends on: the new one when it was deployed, or the live one when a promote already ran.
    const targets = await Promise.all(plans.map(async (plan) => {
        if (await getLive(kubectl, colorRef(plan, plan.next)))
            return { plan, color: plan.next, switching: true };
        if (plan.live && (await getLive(kubectl, colorRef(plan, plan.live))))
            return { plan, color: plan.live, switching: false };
        throw new Error(`${(0,kube_objects/* describeRef */.Ro)(colorRef(plan, plan.next))} does not exist, so there is nothing to promote: run action 'deploy' with strategy 'blue-green' first`);
    }));
    const switching = targets.filter((t) => t.switching);
    for (const { plan } of targets.filter((t) => !t.switching)) {
        report.notes.push(`${(0,kube_objects/* describeRef */.Ro)(plan.deployment.ref)}: ${plan.live} is already live; nothing to switch.`);
    }
    // The new colour must be ready before any traffic moves to it.
    const colors = await logger.group('Blue-green: the new colour, ready before the switch', () => rollOut({ sha, manifests: switching.map(({ plan }) => colorManifest(plan, plan.next)) }, inputs, deps, true));
    result.candidate = colors;
    report.colors = targets.map(({ plan, color }) => colorSet(plan, color, false));
    if (!colors.healthy) {
        result.result = 'failed';
        result.failure = `${describeFailure(colors)}; not switched: the live Services still serve the old colour`;
        return;
    }
    // The rest of the candidate, with each live Service switched: selector and live-colour record in one update.
    const colorOf = new Map();
    for (const { plan, color } of targets)
        for (const service of plan.services)
            colorOf.set((0,kube_objects/* refKey */.XF)(service.ref), color);
    const planned = new Set(plans.map((plan) => (0,kube_objects/* refKey */.XF)(plan.deployment.ref)));
    const rest = source.candidate.manifests
        .filter((m) => !planned.has((0,kube_objects/* refKey */.XF)(m.ref)))
        .map((m) => {
        const color = colorOf.get((0,kube_objects/* refKey */.XF)(m.ref));
        return color ? { ...m, object: switchedService(m.object, color, true) } : m;
    });
    const undeclared = targets.flatMap(({ plan, color }) => plan.services
        .filter((s) => !s.declared)
        .map((s) => ({ object: switchedService(s.object, color, false), ref: s.ref, source: `${(0,kube_objects/* describeRef */.Ro)(s.ref)} (switched)` })));
    const switched = await logger.group('Blue-green: switch the live Services and apply the rest', () => rollOut({ sha, manifests: [...rest, ...undeclared] }, inputs, deps, true));
    result.candidate = combine(colors, switched);
    if (switched.applyError) {
        result.result = 'failed';
        result.failure = `${switched.applyError}; the new colour runs, but the live Services may not have switched`;
        return;
    }
    for (const { plan, color } of switching) {
        for (const service of plan.services) {
            report.switched.push({
                service: service.ref,
                from: plan.live ?? (plan.plain ? `the plain ${plan.deployment.ref.name}` : 'nothing'),
                to: color,
            });
            logger.info(`${(0,kube_objects/* describeRef */.Ro)(service.ref)} now serves ${color}`);
        }
    }
    if (!switched.healthy && inputs.rollbackOnFailure) {
        // The old colour still runs: traffic goes back to it, and nothing is deleted.
        const back = await logger.group('Blue-green: switch the live Services back', () => switchBack(switching, deps, report.notes));
        result.result = back ? 'rolled-back' : 'failed';
        result.failure = `switched to the new colour, but ${describeFailure(switched)}; ${back
            ? 'the live Services were switched back to what served before, which still runs'
            : 'switching the live Services back failed too (see above)'}; the new colour and the other objects applied are left for inspection: action 'reject' removes the new colour`;
        return;
    }
    // Traffic has left the old colour: it goes, and so do the previews.
    const old = switching.map(({ plan }) => previous(plan)).filter((ref) => Boolean(ref));
    report.deleted = await deleteNamed(kubectl, [...old, ...plans.flatMap(previewRefs)], logger);
    if (!switched.healthy) {
        result.result = 'failed';
        result.failure = `switched to the new colour, but ${describeFailure(switched)}`;
    }
}
/** Live Services of a plan still on its plain Deployment, none switched yet: the ones to pin, and to unpin. */
const plainServices = (plan) => plan.plain && !plan.live ? plan.services.filter((s) => Boolean(s.live)) : [];
/**
 * Before the first switch, the live Services select the plain Deployment's
 * pods by the app's labels alone, which the new colour's pods carry too:
 * each is pinned to the pods the plain Deployment runs now, by their
 * pod-template-hash, so that the new colour gets no live traffic before
 * promote. The switch replaces the whole selector, pin included.
 */
async function pinToPlainPods(plans, deps, notes) {
    for (const plan of plans) {
        const services = plainServices(plan);
        if (!services.length)
            continue;
        const hash = await currentPodTemplateHash(deps.kubectl, plan.plain);
        if (!hash) {
            deps.logger.warning(`${(0,kube_objects/* describeRef */.Ro)(plan.deployment.ref)} has no current ReplicaSet to pin its Services to; they may send traffic to the new colour before promote`);
            continue;
        }
        for (const service of services) {
            const from = serviceSelector(service.live);
            const to = { ...routingSelector(service.live), [POD_TEMPLATE_HASH_LABEL]: hash };
            if (from[POD_TEMPLATE_HASH_LABEL] === hash)
                continue;
            await patchService(deps.kubectl, service.ref, retargetPatch(from, to));
            notes.push(`${(0,kube_objects/* describeRef */.Ro)(service.ref)} is held to the pods of the plain ${plan.deployment.ref.name} (${POD_TEMPLATE_HASH_LABEL} ${hash}) until promote.`);
        }
    }
}
/** After a reject, a Service pinned to the plain Deployment's pods selects by the app's labels again. */
async function unpin(plans, deps, notes) {
    for (const plan of plans) {
        for (const service of plainServices(plan)) {
            const from = serviceSelector(service.live);
            if (!(POD_TEMPLATE_HASH_LABEL in from))
                continue;
            await patchService(deps.kubectl, service.ref, retargetPatch(from, routingSelector(service.live)));
            notes.push(`${(0,kube_objects/* describeRef */.Ro)(service.ref)} selects the plain ${plan.deployment.ref.name}'s pods by its labels again.`);
        }
    }
}
/**
 * Puts each switched Service's selector and live-colour record back as they
 * were before promote. A Service that did not exist before has nothing to
 * go back to, and is left as switched. Resolves whether every patch landed.
 */
async function switchBack(switching, deps, notes) {
    let ok = true;
    for (const { plan, color } of switching) {
        for (const service of plan.services) {
            if (!service.live) {
                notes.push(`${(0,kube_objects/* describeRef */.Ro)(service.ref)} is new in this revision: it stays on ${color}.`);
                continue;
            }
            const switched = { ...routingSelector(service.object), [COLOR_LABEL]: color };
            try {
                await patchService(deps.kubectl, service.ref, retargetPatch(switched, serviceSelector(service.live), liveColorOf(service.live) ?? null));
                const before = plan.live ?? `the plain ${plan.deployment.ref.name}`;
                deps.logger.info(`${(0,kube_objects/* describeRef */.Ro)(service.ref)} serves ${before} again`);
                notes.push(`${(0,kube_objects/* describeRef */.Ro)(service.ref)}: switched back to ${before}.`);
            }
            catch (error) {
                ok = false;
                deps.logger.error(`${(0,kube_objects/* describeRef */.Ro)(service.ref)}: could not switch back: ${(0,errors/* describeError */.U)(error)}`);
            }
        }
    }
    return ok;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/canary.js
/**
 * The canary strategy. deploy: beside each production Deployment, a canary
 * running the candidate and a baseline running what production runs now,
 * the same size, so that canary-check compares two fresh sets of pods rather
 * than new pods with old ones. promote: the candidate rolls out to the
 * primaries as with the rolling strategy, then canary and baseline go.
 * reject: canary and baseline go; the primaries never changed.
 */






function deploymentsOf(source, inputs) {
    const deployments = source.candidate.manifests.filter(isDeployment);
    if (!deployments.length) {
        throw new errors/* InputError */.d('manifests', `declare no Deployment, so strategy '${inputs.strategy}' has nothing to ${inputs.action}`, "manifests with at least one Deployment, or strategy 'rolling'");
    }
    return deployments;
}
const trackRef = (m, track) => ({ ...m.ref, name: trackName(m.ref.name, track) });
const canaryPair = (m, replicas) => ({
    namespace: m.ref.namespace,
    primary: m.ref.name,
    canary: trackName(m.ref.name, 'canary'),
    baseline: trackName(m.ref.name, 'baseline'),
    ...(replicas === undefined ? {} : { replicas }),
});
/** The canary and the baseline of a Deployment, as manifests to apply. */
function canaryManifests(candidate, primary, percentage) {
    const replicas = canaryReplicas(percentage, primary.spec?.replicas ?? 1);
    const make = (track, template) => ({
        object: derivedDeployment(candidate.object, {
            name: trackName(candidate.ref.name, track),
            label: TRACK_LABEL,
            value: track,
            replicas,
            template,
        }),
        ref: trackRef(candidate, track),
        source: `${candidate.source} (${track})`,
    });
    return {
        pair: canaryPair(candidate, replicas),
        // The baseline runs the pod template production runs now, as the cluster has it, not as any revision says.
        manifests: [make('canary'), make('baseline', primary.spec?.template)],
    };
}
async function canary(source, inputs, deps, started) {
    const clock = deps.clock ?? (() => performance.now());
    const deployments = deploymentsOf(source, inputs);
    let result;
    if (inputs.action === 'deploy')
        result = await deployCanary(source, deployments, inputs, deps, started);
    else {
        const report = (0,strategies_report.emptyReport)('canary', inputs.action);
        if (inputs.action === 'promote') {
            result = await deps.logger.group('Promote: roll the candidate out to the primaries', async () => rollingDeploy(source, inputs, deps, started));
        }
        else {
            result = {
                result: 'succeeded',
                revision: source.candidate.sha,
                candidate: emptyRollout(source.candidate.sha),
                pruned: [],
                durationMs: 0,
            };
        }
        // After a promote, whatever its outcome: the attempt is over, and a canary left running would keep serving the candidate.
        report.canaries = deployments.map((m) => canaryPair(m));
        report.deleted = await deleteNamed(deps.kubectl, deployments.flatMap((m) => [trackRef(m, 'canary'), trackRef(m, 'baseline')]), deps.logger);
        if (!report.deleted.length)
            report.notes.push('No canary or baseline was left to delete.');
        result.strategy = report;
    }
    result.durationMs = Math.round(clock() - started);
    return result;
}
async function deployCanary(source, deployments, inputs, deps, started) {
    const { kubectl, logger } = deps;
    const report = (0,strategies_report.emptyReport)('canary', 'deploy');
    const primaries = await Promise.all(deployments.map((m) => getLive(kubectl, m.ref)));
    const missing = deployments.filter((_, i) => !primaries[i]);
    if (missing.length) {
        // Nothing runs yet to compare a canary with or to send it traffic: the first deployment goes out whole.
        const note = `${missing.map((m) => (0,kube_objects/* describeRef */.Ro)(m.ref)).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no running primary (first deploy): the candidate was deployed with the rolling strategy, without a canary`;
        logger.warning(note);
        const result = await rollingDeploy(source, inputs, deps, started);
        report.notes.push(note);
        result.strategy = report;
        return result;
    }
    const planned = deployments.map((m, i) => canaryManifests(m, primaries[i], inputs.canaryPercentage));
    report.canaries = planned.map(({ pair }) => pair);
    for (const { pair } of planned) {
        logger.info(`${pair.namespace ? `${pair.namespace}/` : ''}${pair.primary}: canary ${pair.canary} and baseline ${pair.baseline}, ${pair.replicas} replicas each`);
    }
    const manifests = [...source.candidate.manifests.filter(isPodDependency), ...planned.flatMap(({ manifests }) => manifests)];
    const rollout = await logger.group(`Canary ${inputs.canaryPercentage}%: apply and wait`, () => rollOut({ sha: source.candidate.sha, manifests }, inputs, deps, true));
    report.created = planned.flatMap(({ manifests }) => manifests.map((m) => m.ref));
    const result = {
        result: 'succeeded',
        revision: source.candidate.sha,
        candidate: rollout,
        pruned: [],
        durationMs: 0,
        strategy: report,
    };
    if (!rollout.healthy) {
        result.result = 'failed';
        // The primaries never changed, so there is nothing to roll back; the failed pods stay for inspection.
        result.failure = `${describeFailure(rollout)}; the primaries are unchanged, the canary and baseline are left for inspection: action 'reject' removes them`;
    }
    return result;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/index.js



/** deploy-candidate's work: the rolling strategy, or a step of a canary or blue-green deployment. */
async function deployWithStrategy(inputs, deps) {
    if (inputs.strategy === 'rolling')
        return deployCandidate(inputs, deps);
    const started = (deps.clock ?? (() => performance.now()))();
    const source = await readCandidate(inputs, deps);
    return inputs.strategy === 'canary' ? canary(source, inputs, deps, started) : blueGreen(source, inputs, deps, started);
}


/***/ }),

/***/ 3231:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   emptyReport: () => (/* binding */ emptyReport),
/* harmony export */   strategyOutputs: () => (/* binding */ strategyOutputs),
/* harmony export */   strategySection: () => (/* binding */ strategySection)
/* harmony export */ });
/* harmony import */ var _action_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5691);
/* harmony import */ var _objects_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4315);
/** What a canary or blue-green step did, for the outputs and the job summary. */


function emptyReport(strategy, action) {
    return { strategy, action, canaries: [], colors: [], created: [], switched: [], deleted: [], notes: [] };
}
/** The strategy's outputs; set on every run, empty when they do not apply, so a workflow can test them. */
function strategyOutputs(report) {
    const colors = [...new Set(report?.colors.map((set) => set.color))];
    return {
        'canary-workloads': JSON.stringify(report?.canaries ?? []),
        'canary-track': report?.strategy === 'canary' && report.canaries.length ? 'canary' : '',
        'baseline-track': report?.strategy === 'canary' && report.canaries.length ? 'baseline' : '',
        'blue-green-workloads': JSON.stringify(report?.colors ?? []),
        color: colors.length === 1 ? colors[0] : '',
    };
}
function strategySection(report) {
    const lines = [`#### ${report.strategy === 'canary' ? 'Canary' : 'Blue-green'}: ${report.action}`, ''];
    for (const note of report.notes)
        lines.push(`> ${note}`, '');
    if (report.canaries.length) {
        lines.push((0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['namespace', 'primary', 'canary', 'baseline', 'replicas each'], report.canaries.map((pair) => [pair.namespace, pair.primary, pair.canary, pair.baseline, String(pair.replicas ?? '')])), '');
    }
    if (report.colors.length) {
        lines.push((0,_action_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['namespace', 'deployment', 'colour', 'workload', 'previous', 'live services', 'preview services'], report.colors.map((set) => [
            set.namespace,
            set.primary,
            set.color,
            set.workload,
            set.previous ?? '',
            set.services.join(', '),
            set.previews.join(', '),
        ])), '');
    }
    const list = (title, refs) => refs.length ? [`**${title}**`, '', ...refs.map((ref) => `- ${(0,_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .describeRef */ .Ro)(ref)}`), ''] : [];
    lines.push(...list('Created or updated', report.created));
    if (report.switched.length) {
        lines.push('**Switched**', '', ...report.switched.map(({ service, from, to }) => `- ${(0,_objects_js__WEBPACK_IMPORTED_MODULE_0__/* .describeRef */ .Ro)(service)}: from ${from} to **${to}**`), '');
    }
    lines.push(...list('Deleted', report.deleted));
    if (!report.created.length && !report.switched.length && !report.deleted.length)
        lines.push('Nothing was created, switched or deleted.', '');
    return lines;
}


/***/ })

};
