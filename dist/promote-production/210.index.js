export const id = 210;
export const ids = [210];
export const modules = {

/***/ 5691:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OF: () => (/* binding */ fenced),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   xv: () => (/* binding */ truncate),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
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
/** A folded section: the summary line shows, the body opens on a click. */
function details(summary, body) {
    return `<details><summary>${summary}</summary>\n\n${body.replace(/\n$/, '')}\n\n</details>`;
}


/***/ }),

/***/ 5712:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _e: () => (/* binding */ SYMLINK),
/* harmony export */   zA: () => (/* binding */ IndexTree)
/* harmony export */ });
/* unused harmony export REGULAR */
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


/***/ }),

/***/ 7210:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  promoteProductionStep: () => (/* binding */ promoteProductionStep)
});

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
// EXTERNAL MODULE: ./.tmp/build/src/action/markdown.js
var markdown = __webpack_require__(5691);
// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./.tmp/build/src/http/retry.js
var retry = __webpack_require__(7572);
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

// EXTERNAL MODULE: ./.tmp/build/src/git/tree.js
var git_tree = __webpack_require__(5712);
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
    // git's words for a repository that is not there, as opposed to one that refused us.
    if (/does not appear to be a git repository|repository '[^']*' not found|Repository not found|No such file or directory/i.test(text)) {
        const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(remote.url) && !/^[^/]+@[^:]+:/.test(remote.url);
        return new RemoteError(local
            ? `input '${input}': ${remote.url.replace(/^file:\/\//, '')} is not a git repository on this runner (no such folder, or no repository in it); expected 'owner/name', a git URL, or the path of a repository`
            : `input '${input}': ${remote.url} has no repository there, or the token may not see it (${lastLine(text)}); expected 'owner/name' or the URL of an existing repository the token can read`);
    }
    if (/Authentication failed|could not read Username|401|403|Permission denied|access denied|not authorized/i.test(text)) {
        return new RemoteError(`input '${input}': ${remote.url} refused the credentials (${lastLine(text)}); check the 'token' input: it needs contents: write on that repository`);
    }
    return new RemoteError(`input '${input}': cannot reach ${remote.url} (${lastLine(text)}); expected a reachable git repository`);
}
/** git's last meaningful line: not its closing advice ("Please make sure you have the correct access rights …"). */
function lastLine(text) {
    return (text
        .trim()
        .split('\n')
        .filter((line) => line.trim() && !/^(Please make sure you have the correct access rights|and the repository exists\.)/.test(line.trim()))
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
    maxDelayMs: 30_000,
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
        const tree = new git_tree/* IndexTree */.zA(this.git);
        const once = async (attempt) => {
            const tried = this.retry.now();
            const tip = await this.fetchBranch(branch);
            const base = tip ?? (await start(await this.tips()));
            await tree.reset(base);
            const before = await tree.writeTree();
            const { edit: change, value } = await edit(tree, tip);
            const after = await tree.writeTree();
            const unchanged = { commit: base ?? '', changed: false, pushed: false, attempts: attempt, diff: '', files: [], value };
            if (!change || after === before)
                return { landed: unchanged };
            const commit = (await this.git.run(['commit-tree', after, ...(base ? ['-p', base] : []), '-F', '-'], {
                input: change.message,
                env: { GIT_AUTHOR_NAME: change.author.name, GIT_AUTHOR_EMAIL: change.author.email },
            })).trim();
            const made = async () => ({ commit, changed: true, attempts: attempt, ...(await this.diff(before, after)), value });
            if (!options.push)
                return { landed: { ...(await made()), pushed: false } };
            const target = options.pushRef ?? `refs/heads/${branch}`;
            const pushed = await this.git.tryRun(['push', '--porcelain', ...(options.force ? ['--force'] : []), 'origin', `${commit}:${target}`]);
            if (pushed.code === 0) {
                // The same commit is made twice when two writers make the same change on the same tip in the same second;
                // the remote then already holds it, and the change is the other writer's.
                if (!options.force && pushStatus(pushed.stdout, target) === '=')
                    return { landed: { ...unchanged, commit } };
                return { landed: { ...(await made()), pushed: true } };
            }
            const text = `${pushed.stdout}\n${pushed.stderr}`;
            if (RACE_LOST.test(text))
                return { lost: { attempt, tookMs: this.retry.now() - tried } };
            const error = new GitError(['push'], text, pushed.code);
            throw /Authentication|40[13]|denied|not authorized/i.test(text)
                ? explainRemoteFailure(error, this.options.remote, this.input)
                : new RemoteError(`push to ${this.options.remote.url} ${target} was refused: ${pushRefusal(text)}`);
        };
        const { random, now, sleep, budgetMs, attempts, maxDelayMs } = this.retry;
        const settled = await (0,retry/* withRetry */.bD)(once, { attempts, budgetMs, baseDelayMs: this.retry.baseDelayMs, maxDelayMs, maxRetryAfterMs: maxDelayMs }, {
            random,
            now,
            sleep,
            // Only a lost race is tried again; anything else the remote said is final.
            judgeError: () => undefined,
            // Writers that lost the same race spread over the whole window instead of meeting again (full jitter), and the
            // window is counted in tries: one writer lands per try, so a loaded remote or machine, whose tries are slow,
            // widens it as much as it needs to be, and lost tries stop taking the time the winner needs.
            judge: (outcome) => 'lost' in outcome
                ? {
                    reason: `${branch} moved`,
                    retryAfterMs: (0,retry/* backoffMs */.jo)(outcome.lost.attempt, { baseDelayMs: Math.max(this.retry.baseDelayMs, outcome.lost.tookMs), maxDelayMs }, random),
                }
                : undefined,
            onRetry: ({ attempt, delayMs }) => this.options.logger.info(`${branch} moved while we wrote it; re-applying on the new tip in ${delayMs} ms (attempt ${attempt})`),
        });
        const outcome = (0,retry/* unwrap */.oA)(settled);
        if ('landed' in outcome)
            return outcome.landed;
        throw new RemoteError(`${branch} of ${this.options.remote.url} kept moving for ${(settled.tries.elapsedMs / 1000).toFixed(1)} s: gave up after ${settled.tries.attempts} attempts; nothing was pushed`);
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

// EXTERNAL MODULE: ./.tmp/build/src/pipeline/promote-inputs.js + 3 modules
var promote_inputs = __webpack_require__(3137);
;// CONCATENATED MODULE: ./.tmp/build/src/pipeline/promote.js





/**
 * Records a deployed env-repo commit on the production branch by copying its
 * tree, never by merging: production's history is one commit per success.
 * Copying the same tree again changes nothing and is a success.
 */
async function promote(inputs, deps) {
    const repo = await EnvRepo.open({ remote: inputs.remote, dir: deps.workdir, token: inputs.token, logger: deps.logger, exec: deps.exec });
    const tips = await repo.tips();
    const wanted = /^[0-9a-f]{40}$/.test(inputs.source) ? inputs.source : tips.branches.get(inputs.source);
    if (!wanted)
        throw new errors/* InputError */.d('source', `'${inputs.source}' is not a branch of ${inputs.remote.url}`, 'a full commit SHA or a branch of env-repository');
    let source;
    try {
        source = await repo.fetch(wanted);
    }
    catch {
        throw new errors/* InputError */.d('source', `commit ${wanted} is not in ${inputs.remote.url}`, 'the full SHA of a commit pushed to env-repository');
    }
    const sourceMessage = (await repo.message(source)).trim();
    const subject = sourceMessage.split('\n')[0];
    const author = await repo.author(source);
    const short = source.slice(0, 7);
    // A branch that does not exist yet has nothing to protect: its first commit is pushed directly.
    const reviewBranch = inputs.mode === 'pull-request' && tips.branches.has(inputs.branch) ? `promote/${source.slice(0, 12)}` : undefined;
    let title = '';
    let message = '';
    // Images are resolved before anything is recorded, and tagged once it is; not while a promotion waits for review.
    let applyTags;
    let publish;
    if ((inputs.imageTags.length || inputs.publishImages.length) && !reviewBranch) {
        const { imagesAt } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(609)]).then(__webpack_require__.bind(__webpack_require__, 609));
        const found = await imagesAt(repo, source, inputs.paths);
        const registryDeps = { env: deps.env ?? {}, logger: deps.logger, insecureRegistries: inputs.insecureRegistries };
        if (inputs.imageTags.length) {
            const { prepareReleaseTags } = await __webpack_require__.e(/* import() */ 962).then(__webpack_require__.bind(__webpack_require__, 2962));
            applyTags = await prepareReleaseTags(found.map((entry) => entry.image), fillTagPatterns(inputs.imageTags, sourceMessage, short), registryDeps);
        }
        if (inputs.publishImages.length) {
            const { planPublication, preparePublication } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 2958));
            const tags = fillTagPatterns(inputs.publishTags, sourceMessage, short, 'publish-tags');
            publish = await preparePublication(planPublication(inputs.publishImages, found, short, tags), tags, registryDeps);
        }
    }
    const result = await repo.write(inputs.branch, async () => undefined, // production begins as its own history, with this success as its first commit
    async (tree, tip) => {
        await copyTree(tree, source, inputs.paths);
        const replaced = tip ? ` (${(await repo.message(tip)).split('\n')[0]})` : '';
        title = inputs.reason === 'rollback' ? `Rollback to ${short}: ${subject}` : `Promote ${short}: ${subject}`;
        const intro = inputs.reason === 'rollback' && tip ? `Rolls ${inputs.branch} back from ${tip.slice(0, 7)}${replaced} to ${short}.\n\n` : '';
        const trailers = [
            `Promoted-From: ${source}`,
            ...(inputs.reason === 'rollback' && tip ? [`Replaces: ${tip}`] : []),
            ...(deps.context.runUrl ? [`Workflow-Run: ${deps.context.runUrl}`] : []),
        ];
        const draft = `${inputs.message || title}\n\n${intro}${sourceMessage}\n`;
        message = await repo.git.run(['interpret-trailers', ...trailers.flatMap((trailer) => ['--trailer', trailer])], { input: draft });
        return { edit: { message, author }, value: tip };
    }, reviewBranch ? { push: true, pushRef: `refs/heads/${reviewBranch}`, force: true } : { push: true });
    return {
        commit: result.commit,
        changed: result.changed,
        source,
        replaced: result.value,
        tagged: applyTags ? await applyTags() : [],
        published: publish ? await publishRecorded(publish, inputs.branch, result.commit) : [],
        reviewBranch: result.changed ? reviewBranch : undefined,
        title,
        message,
        files: result.files,
        diff: result.diff,
    };
}
/** The images a commit's manifests deploy (the files under `paths`, or every YAML file). */
/**
 * Tags such as `rc-{app-short-sha}` name the app commit that built the
 * images, which the promoted commit carries in its Source-Commit trailer
 * (patch-manifest writes it, promotions carry it on).
 */
function fillTagPatterns(tags, sourceMessage, short, input = 'image-tags') {
    const appCommit = [...sourceMessage.matchAll(/^Source-Commit: \S+@([0-9a-f]{40})$/gm)].at(-1)?.[1];
    return tags.map((tag) => {
        if (!promote_inputs/* TAG_PLACEHOLDERS */._L.some((placeholder) => tag.includes(placeholder)))
            return tag;
        if (!appCommit)
            throw new Error(`${input} '${tag}' names the app commit, but ${short} carries no Source-Commit trailer (patch-manifest writes one); nothing was promoted`);
        return tag.replaceAll('{app-sha}', appCommit).replaceAll('{app-short-sha}', appCommit.slice(0, 7));
    });
}
/** A copy that fails once production has recorded the revision says so: a re-run finishes it, as nothing copied is copied again. */
async function publishRecorded(publish, branch, commit) {
    try {
        return await publish();
    }
    catch (error) {
        throw new Error(`${branch} records ${commit.slice(0, 7)}, but publishing its images failed: ${error.message}; re-run to publish what is missing`);
    }
}
/** Makes the tree equal to `source`'s tree, for every file or for the files matching `paths`. */
async function copyTree(tree, source, paths) {
    if (paths.length === 0)
        return tree.reset(source);
    // The same glob dialect as patch-manifest's `paths`, applied to both trees.
    const matches = picomatch(paths, { dot: false });
    const stale = (await tree.entries()).filter((entry) => matches(entry.path)).map((entry) => entry.path);
    const wanted = (await tree.entriesOf(source)).filter((entry) => matches(entry.path));
    await tree.set(wanted, stale);
}
function promoteSummary(inputs, result, context, pullRequest) {
    const { tagged } = result;
    const repo = inputs.remote.slug ?? inputs.remote.url;
    const onGitHub = inputs.remote.slug && inputs.remote.url.startsWith(context.serverUrl);
    const commitLink = (sha) => (0,markdown/* link */.nf)(sha.slice(0, 7), onGitHub ? context.commitUrl(inputs.remote.slug, sha) : undefined);
    const verb = inputs.reason === 'rollback' ? 'Rolled back' : 'Promoted';
    const status = !result.changed
        ? `\`${inputs.branch}\` of ${repo} already holds the tree of ${commitLink(result.source)}: nothing to record.`
        : pullRequest
            ? `Opened ${(0,markdown/* link */.nf)('a pull request', pullRequest)} to record ${commitLink(result.source)} on \`${inputs.branch}\` of ${repo}.`
            : `${verb} ${commitLink(result.source)} as ${commitLink(result.commit)} on \`${inputs.branch}\` of ${repo}${result.replaced ? `, replacing ${commitLink(result.replaced)}` : ''}.`;
    const lines = ['### promote-production', '', status, ''];
    if (tagged.length)
        lines.push(`Tagged ${tagged[0].tags.map((tag) => `\`${tag}\``).join(', ')} in the registry:`, '', ...tagged.map((image) => `- \`${image.image}@${image.digest}\``), '');
    if (result.published.length)
        lines.push('Published to other repositories, by digest:', '', (0,markdown/* table */.tp)(['image', 'published as', 'digest', 'tags', 'blobs'], result.published.map((image) => [
            `\`${image.source}\``,
            `\`${image.target}\``,
            `\`${image.digest}\``,
            image.tags.map((tag) => `\`${tag}\``).join(', ') || '—',
            blobSummary(image),
        ])), '');
    if (result.changed)
        lines.push(`**${result.title}**`, '', (0,markdown/* details */.zH)(`The change (${countFiles(result.files)})`, (0,markdown/* fenced */.OF)('diff', (0,markdown/* truncate */.xv)(result.diff, 60_000))), '');
    return lines.join('\n');
}
/** `2 copied (3.1 MB), 1 mounted, 4 already there`: what the copy had to move. */
function blobSummary({ blobs, bytes }) {
    const size = bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
    return ([
        blobs.copied ? `${blobs.copied} copied (${size})` : '',
        blobs.mounted ? `${blobs.mounted} mounted` : '',
        blobs.present ? `${blobs.present} already there` : '',
    ]
        .filter(Boolean)
        .join(', ') || 'none');
}
const countFiles = (files) => (files.length === 1 ? `1 file: ${files[0]}` : `${files.length} files`);

;// CONCATENATED MODULE: ./.tmp/build/src/pipeline/promote-production.js

/** promote-production's use case: the promotion, and in pull-request mode the pull request that asks for it. */
async function promoteProductionStep(inputs, deps) {
    const result = await promote(inputs, deps);
    // Octokit is loaded only when there is a pull request to open.
    const pullRequest = result.reviewBranch
        ? await (await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(413), __webpack_require__.e(25)]).then(__webpack_require__.bind(__webpack_require__, 6025))).requestPromotion(inputs, result, deps.context)
        : '';
    return {
        outputs: {
            commit: result.commit,
            changed: result.changed,
            'pull-request': pullRequest,
            'tagged-images': JSON.stringify(result.tagged),
            'published-images': JSON.stringify(result.published),
        },
        notice: { message: result.changed ? result.title : `${inputs.branch} already holds ${result.source}` },
        summary: promoteSummary(inputs, result, deps.context, pullRequest),
    };
}


/***/ })

};
