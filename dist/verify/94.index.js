export const id = 94;
export const ids = [94];
export const modules = {

/***/ 8094:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runCommandCheck: () => (/* binding */ runCommandCheck)
/* harmony export */ });
/* unused harmony export commandName */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var _kube_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9055);


/** Lines of output kept for the failure's reason. */
const TAIL = 20;
/**
 * Runs a command on the runner with bash, as a `run:` step does
 * (`bash --noprofile --norc -eo pipefail`), in its own process group so that
 * a timeout stops everything it started. Its output goes into the step log,
 * grouped; exit 0 passes.
 */
async function runCommandCheck(settings, deps) {
    const { logger, spawn = node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn, now = () => performance.now() } = deps;
    const started = now();
    const tail = [];
    const outcome = await logger.group('command', () => new Promise((resolve) => {
        const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', settings.script], {
            cwd: settings.cwd,
            env: { ...(deps.baseEnv ?? process.env), ...settings.env },
            stdio: ['ignore', 'pipe', 'pipe'],
            detached: true,
        });
        let timedOut = false;
        const stop = () => {
            try {
                if (child.pid)
                    process.kill(-child.pid, 'SIGKILL');
            }
            catch {
                // already gone
            }
        };
        const timer = setTimeout(() => {
            timedOut = true;
            stop();
        }, settings.timeoutMs);
        deps.signal?.addEventListener('abort', stop);
        const partial = { stdout: '', stderr: '' };
        const take = (stream) => (chunk) => {
            const lines = (partial[stream] + chunk.toString('utf8')).split('\n');
            partial[stream] = lines.pop() ?? '';
            for (const line of lines)
                show(line);
        };
        const show = (line) => {
            logger.info(line);
            tail.push(line);
            if (tail.length > TAIL)
                tail.shift();
        };
        child.stdout.on('data', take('stdout'));
        child.stderr.on('data', take('stderr'));
        child.on('error', (error) => {
            clearTimeout(timer);
            resolve({ error: error.message, timedOut });
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            deps.signal?.removeEventListener('abort', stop);
            for (const rest of [partial.stdout, partial.stderr])
                if (rest)
                    show(rest);
            resolve({ code: code ?? undefined, signal: signal ?? undefined, timedOut });
        });
    }));
    const durationMs = Math.round(now() - started);
    const took = (0,_kube_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(durationMs);
    const lastLine = tail
        .map((line) => line.trim())
        .filter(Boolean)
        .at(-1);
    const last = lastLine ? `, last line: ${JSON.stringify(lastLine.slice(0, 200))}` : '';
    const base = { kind: 'command', name: commandName(settings.script), durationMs };
    if (outcome.error) {
        return {
            ...base,
            verdict: 'failed',
            figures: { durationMs },
            shown: 'not started',
            reason: `input 'command': bash could not be started: ${outcome.error}`,
        };
    }
    if (outcome.timedOut) {
        return {
            ...base,
            verdict: 'failed',
            figures: { durationMs, timedOut: true },
            shown: `stopped after ${took}`,
            reason: `the command did not finish within ${(0,_kube_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(settings.timeoutMs)} (input 'timeout')${last}`,
        };
    }
    if (deps.signal?.aborted) {
        return { ...base, verdict: 'failed', figures: { durationMs }, shown: 'cancelled', reason: 'the step was cancelled' };
    }
    const exitCode = outcome.code ?? 128;
    const figures = { exitCode, durationMs };
    if (exitCode === 0)
        return { ...base, verdict: 'passed', figures, shown: `exit 0 in ${took}` };
    return {
        ...base,
        verdict: 'failed',
        figures,
        shown: `exit ${exitCode} after ${took}`,
        reason: `the command exited with code ${exitCode}${outcome.signal ? ` (${outcome.signal})` : ''}${last}`,
    };
}
/** The script's first line, shortened: how the summary names the check. */
function commandName(script) {
    const lines = script
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'));
    const first = lines[0] ?? '';
    const shown = first.length > 60 ? `${first.slice(0, 59)}…` : first;
    return lines.length > 1 ? `${shown} (+${lines.length - 1} lines)` : shown;
}


/***/ })

};
