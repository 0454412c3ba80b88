export const id = 869;
export const ids = [869];
export const modules = {

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
/* harmony import */ var _action_children_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7989);


function spawnKubectl(binary = 'kubectl', env = process.env) {
    // Registered, so that the run wrapper ends those still running when the step ends or is cancelled.
    const start = (args, stdin, signal) => (0,_action_children_js__WEBPACK_IMPORTED_MODULE_1__/* .trackChild */ .yH)((0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(binary, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGTERM' }));
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


/***/ })

};
