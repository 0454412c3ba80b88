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


/***/ }),

/***/ 6190:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TU: () => (/* binding */ Git),
/* harmony export */   XS: () => (/* binding */ GitError)
/* harmony export */ });
/* unused harmony export spawnGit */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var _identity_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5154);


const spawnGit = (args, { cwd, env, input }) => new Promise((resolve, reject) => {
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('git', args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
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
        const committer = options.committer ?? _identity_js__WEBPACK_IMPORTED_MODULE_1__/* .ACTIONS_BOT */ .aX;
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


/***/ })

};
