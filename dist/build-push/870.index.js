export const id = 870;
export const ids = [870];
export const modules = {

/***/ 5691:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OF: () => (/* binding */ fenced),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   xv: () => (/* binding */ truncate)
/* harmony export */ });
/* unused harmony exports link, details */
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

/***/ 5870:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  notifyStep: () => (/* binding */ notifyStep)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./.tmp/build/src/action/context.js
var context = __webpack_require__(5651);
// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
// EXTERNAL MODULE: ./.tmp/build/src/action/inputs.js
var action_inputs = __webpack_require__(7599);
// EXTERNAL MODULE: ./.tmp/build/src/action/markdown.js
var markdown = __webpack_require__(5691);
// EXTERNAL MODULE: ./.tmp/build/src/http/fetch.js
var http_fetch = __webpack_require__(4610);
// EXTERNAL MODULE: ./.tmp/build/src/http/retry.js
var http_retry = __webpack_require__(7572);
;// CONCATENATED MODULE: ./.tmp/build/src/http/google-auth.js
/**
 * The runner's Google credentials, found the usual way by google-auth-library:
 * GOOGLE_APPLICATION_CREDENTIALS (which google-github-actions/auth sets, for
 * workload identity federation or a key), else the metadata server. The
 * project, when given, spares the library its search for one (environment,
 * gcloud, the metadata server, Cloud Resource Manager).
 */
async function googleAuthorization(scope, projectId) {
    const { GoogleAuth } = await __webpack_require__.e(/* import() */ 492).then(__webpack_require__.t.bind(__webpack_require__, 492, 19));
    const auth = new GoogleAuth({ scopes: [scope], projectId });
    return () => auth.getRequestHeaders();
}

;// CONCATENATED MODULE: ./.tmp/build/src/notify/pubsub.js



function pubSubMessage(event) {
    const { data, datacontenttype, ...context } = event;
    const attributes = { 'content-type': datacontenttype };
    for (const [name, value] of Object.entries(context)) {
        if (value !== undefined && value !== '')
            attributes[`ce-${name}`] = String(value);
    }
    return { data: Buffer.from(JSON.stringify(data)), attributes };
}
const PUBSUB_SCOPE = 'https://www.googleapis.com/auth/pubsub';
const PUBSUB_ENDPOINT = 'https://pubsub.googleapis.com';
const ATTEMPTS = 3;
const REQUEST_TIMEOUT_MS = 10_000;
/**
 * The real client: Pub/Sub's REST method `topics.publish`, with the runner's
 * Google credentials; with PUBSUB_EMULATOR_HOST set, plain HTTP to the
 * emulator, which needs none. One HTTPS call per event is all a step needs,
 * so the gRPC client and its protos (ten times this action's size) stay out.
 */
const loadPubSub = async ({ projectId }) => {
    const emulator = process.env.PUBSUB_EMULATOR_HOST;
    if (emulator)
        return restPubSub(`http://${emulator}`, async () => ({}));
    return restPubSub(PUBSUB_ENDPOINT, await googleAuthorization(PUBSUB_SCOPE, projectId));
};
/** Publishes are tried three times, about half a second then a second apart: the step's whole publish has 30 s. */
const PUBSUB_RETRY = { attempts: ATTEMPTS, baseDelayMs: 500, maxDelayMs: 4000 };
/** A Pub/Sub client of the REST API at `endpoint`, retrying what is unavailable or overloaded (the shared policy). */
function restPubSub(endpoint, authorization, retry = {}) {
    return {
        async publish(topic, { data, attributes }) {
            const body = JSON.stringify({ messages: [{ data: data.toString('base64'), attributes }] });
            const url = `${endpoint}/v1/${topic}:publish`;
            let credentialsFailed = false;
            const settled = await (0,http_retry/* withRetry */.bD)(async () => {
                let headers;
                try {
                    headers = new Headers(await authorization());
                }
                catch (error) {
                    // No credentials is not a thing another try mends: that error goes out as it is.
                    credentialsFailed = true;
                    throw error;
                }
                headers.set('content-type', 'application/json');
                headers.set('user-agent', 'gitops-delivery');
                const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
                const answer = (await response.json().catch(() => ({})));
                return { response, answer };
            }, PUBSUB_RETRY, {
                ...retry,
                judge: ({ response }) => (0,http_retry/* transientResponse */.o2)(response, retry.now),
                judgeError: (error) => (!credentialsFailed && (0,http_retry/* isTransientError */.bV)(error) ? { reason: (0,http_fetch/* networkProblem */.Wo)(error) } : undefined),
            });
            if (!settled.ok) {
                if (credentialsFailed)
                    throw settled.error;
                const problem = (0,http_fetch/* isTimeout */.kL)(settled.error) ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : (0,http_fetch/* networkProblem */.Wo)(settled.error);
                throw new Error(`${problem} (${endpoint}${settled.tries.attempts > 1 ? `, ${(0,http_retry/* describeTries */.BI)(settled.tries)}` : ''})`);
            }
            const { response, answer } = settled.value;
            if (response.ok && answer.messageIds?.[0])
                return answer.messageIds[0];
            throw new Error(`HTTP ${response.status}${answer.error ? ` ${answer.error.status ?? ''}: ${answer.error.message ?? ''}` : ''}`.trim() +
                (settled.tries.transient && settled.tries.attempts > 1 ? ` (${(0,http_retry/* describeTries */.BI)(settled.tries)})` : ''));
        },
    };
}
/** Publishes events, in order, to `projects/P/topics/T`; resolves with their message IDs. */
async function publishToPubSub(events, topic, options = {}) {
    const timeoutMs = options.timeoutMs ?? 30_000;
    let timer;
    const publish = async () => {
        const client = await (options.createClient ?? loadPubSub)({ projectId: topic.split('/')[1] });
        const ids = [];
        for (const event of events)
            ids.push(await client.publish(topic, pubSubMessage(event)));
        return ids;
    };
    try {
        return await Promise.race([
            publish(),
            new Promise((_resolve, reject) => {
                timer = setTimeout(() => reject(new Error(`no answer from Pub/Sub in ${timeoutMs / 1000} s`)), timeoutMs);
                // A publish still under way must not keep the step's process alive once it has given up.
                timer.unref();
            }),
        ]);
    }
    finally {
        clearTimeout(timer);
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./.tmp/build/src/notify/cloudevent.js

/**
 * Events follow CloudEvents 1.0. The type is
 * `dev.gitops-delivery.<kind>.<succeeded|failed>`: reverse-DNS of the project,
 * then what happened, then how it ended, so a subscriber can filter on a
 * prefix (`dev.gitops-delivery.deploy.`) or on an outcome (`.failed`).
 */
const EVENT_TYPE_PREFIX = 'dev.gitops-delivery';
const EVENT_KINDS = (/* unused pure expression or super */ null && (['build', 'patch', 'deploy', 'canary', 'promote', 'rollback']));
function eventType(kind, status) {
    return `${EVENT_TYPE_PREFIX}.${kind}.${status === 'success' ? 'succeeded' : 'failed'}`;
}
function stepEvent(input) {
    return {
        specversion: '1.0',
        id: input.id ?? (0,external_node_crypto_.randomUUID)(),
        source: input.source,
        type: eventType(input.kind, input.data.status),
        ...(input.subject ? { subject: input.subject } : {}),
        time: (input.time ?? new Date()).toISOString(),
        datacontenttype: 'application/json',
        data: input.data,
    };
}
const LABEL = {
    build: 'build',
    patch: 'patch of the env repository',
    deploy: 'deploy',
    canary: 'canary check',
    promote: 'promotion to production',
    rollback: 'rollback',
};
/** Slack's link syntax; `<`, `>` and `&` are the only characters it wants escaped. */
function slackEscape(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function slackLink(text, url) {
    return url && /^https?:\/\//.test(url) ? `<${url}|${slackEscape(text)}>` : slackEscape(text);
}
/**
 * One readable line (Slack mrkdwn) for chat webhooks, e.g.
 * `:white_check_mark: deploy succeeded: acme/app@5f3a9c1 (revision 1a2b3c4), run 4242`.
 */
function eventText(event) {
    const { data } = event;
    const kind = event.type.slice(EVENT_TYPE_PREFIX.length + 1).split('.')[0];
    const ok = data.status === 'success';
    const parts = [
        `${ok ? ':white_check_mark:' : ':x:'} ${LABEL[kind] ?? kind} ${ok ? 'succeeded' : 'failed'} (${slackEscape(data.action)})`,
    ];
    if (data.repository) {
        const at = data.sha ? `@${data.sha.slice(0, 7)}` : '';
        parts.push(`for ${slackLink(`${data.repository}${at}`, data.links.commit)}`);
    }
    const revision = data.outputs.revision || data.outputs.commit;
    if (revision)
        parts.push(`env revision ${slackLink(revision.slice(0, 7), data.links.revision)}`);
    if (data.outputs['image-ref'])
        parts.push(`image ${slackEscape(data.outputs['image-ref'])}`);
    if (data.outputs.decision)
        parts.push(`decision ${slackEscape(data.outputs.decision)}`);
    if (data.outputs.result && data.outputs.result !== 'succeeded')
        parts.push(`result ${slackEscape(data.outputs.result)}`);
    if (data.links.run)
        parts.push(slackLink(`run ${data.runId}`, data.links.run));
    let text = parts.join(', ');
    if (data.error)
        text += `\n> ${slackEscape(data.error.split('\n')[0].slice(0, 500))}`;
    return text;
}

;// CONCATENATED MODULE: ./.tmp/build/src/notify/webhook.js



/**
 * The webhook body: the event in CloudEvents structured mode (the JSON
 * format's members at the top level) plus a `text` member, the one line a
 * Slack-compatible incoming webhook shows. It is sent as application/json
 * rather than application/cloudevents+json because chat webhooks accept only
 * the former; a CloudEvents receiver reads it as structured JSON.
 */
function webhookBody(event) {
    return JSON.stringify({ ...event, text: eventText(event) });
}
class WebhookError extends Error {
    attempts;
    constructor(message, attempts) {
        super(message);
        this.attempts = attempts;
        this.name = 'WebhookError';
    }
}
/** What went wrong, without the URL: fetch's errors rarely quote it, but the URL is a secret and this message is printed. */
function describe(error, url) {
    return ((0,http_fetch/* isTimeout */.kL)(error) ? 'timed out' : (0,http_fetch/* networkProblem */.Wo)(error)).split(url).join('<webhook>');
}
const statusProblem = (response) => `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
/**
 * POSTs the event; retries what may pass on a second try (the shared policy:
 * 408, 425, 429, 500, 502, 503, 504, a connection reset, refused or timed
 * out), and throws a WebhookError when no attempt succeeded.
 */
async function postWebhook(event, url, options = {}) {
    const doFetch = options.fetch ?? fetch;
    const timeoutMs = options.timeoutMs ?? 10_000;
    const body = webhookBody(event);
    const backoffMs = options.backoffMs ?? 1000;
    const settled = await (0,http_retry/* withRetry */.bD)(async () => {
        const response = await doFetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'user-agent': 'gitops-delivery' },
            body,
            signal: AbortSignal.timeout(timeoutMs),
            redirect: 'error',
        });
        // Read the body so the connection is released.
        await response.arrayBuffer().catch(() => undefined);
        return response;
    }, { attempts: options.attempts ?? 3, baseDelayMs: backoffMs, maxDelayMs: 8 * backoffMs }, {
        sleep: options.sleep,
        random: options.random,
        now: options.now,
        judge: (response) => (0,http_retry/* transientResponse */.o2)(response, options.now),
        judgeError: (error) => ((0,http_retry/* isTransientError */.bV)(error) ? { reason: describe(error, url) } : undefined),
    });
    const { tries } = settled;
    if (!settled.ok)
        throw new WebhookError(describe(settled.error, url), tries.attempts);
    const response = settled.value;
    if (response.ok)
        return { status: response.status, attempts: tries.attempts };
    const problem = statusProblem(response);
    if (tries.stopped === 'retry-after' && tries.transient?.retryAfterMs !== undefined) {
        throw new WebhookError(`${problem}, retry asked for in ${Math.ceil(tries.transient.retryAfterMs / 1000)} s, longer than a notification waits`, tries.attempts);
    }
    throw new WebhookError(problem, tries.attempts);
}

;// CONCATENATED MODULE: ./.tmp/build/src/notify/notify.js




/** Names a webhook in the log by position and host only: the rest of the URL is the secret. */
function webhookLabel(url, index) {
    let host = '';
    try {
        host = new URL(url).host;
    }
    catch {
        // Checked when the inputs were read; nothing more to say here.
    }
    return `webhook ${index + 1}${host ? ` (${host})` : ''}`;
}
/**
 * Sends every event to every destination, destinations in parallel, events in
 * order. Never throws: a notification that did not go out is a warning, and
 * the step's own result stands. Resolves with one record per event and
 * destination.
 */
async function notify(events, config, deps) {
    const sent = [];
    if (config.topic) {
        const topic = config.topic;
        sent.push((async () => {
            try {
                const ids = await publishToPubSub(events, topic, { createClient: deps.createPubSub, timeoutMs: deps.pubSubTimeoutMs });
                return events.map((event, index) => {
                    deps.logger.info(`notify: published ${event.type} to ${topic} (message ${ids[index]})`);
                    return { destination: topic, event: event.type, ok: true, detail: `message ${ids[index]}` };
                });
            }
            catch (error) {
                const types = events.map((event) => event.type).join(', ');
                deps.logger.warning(`notify: could not publish ${types} to ${topic}: ${(0,errors/* describeError */.U)(error)}`);
                return events.map((event) => ({ destination: topic, event: event.type, ok: false, detail: (0,errors/* describeError */.U)(error) }));
            }
        })());
    }
    config.webhooks.forEach((url, index) => {
        const label = webhookLabel(url, index);
        sent.push((async () => {
            const deliveries = [];
            for (const event of events) {
                try {
                    const result = await postWebhook(event, url, {
                        fetch: deps.fetch,
                        timeoutMs: deps.webhookTimeoutMs,
                        attempts: deps.webhookAttempts,
                        backoffMs: deps.webhookBackoffMs,
                    });
                    const detail = `HTTP ${result.status}${result.attempts > 1 ? ` after ${result.attempts} attempts` : ''}`;
                    deps.logger.info(`notify: sent ${event.type} to ${label}: ${detail}`);
                    deliveries.push({ destination: label, event: event.type, ok: true, detail });
                }
                catch (error) {
                    const message = (0,errors/* describeError */.U)(error).split(url).join('<webhook>');
                    const attempts = error.attempts;
                    const detail = `${message}${attempts ? ` (${attempts} attempts)` : ''}`;
                    deps.logger.warning(`notify: could not send ${event.type} to ${label}${attempts ? ` (${attempts} attempts)` : ''}: ${message}`);
                    // Later events would be out of order at the receiver; they are not sent.
                    deliveries.push(...events.slice(deliveries.length).map((later) => ({
                        destination: label,
                        event: later.type,
                        ok: false,
                        detail: later === event ? detail : 'not sent: an earlier event failed',
                    })));
                    break;
                }
            }
            return deliveries;
        })());
    });
    return (await Promise.all(sent)).flat();
}
/** The job summary's account of the notifications, so that a reader sees who was told what. */
function deliveriesSummary(deliveries) {
    if (!deliveries.length)
        return '';
    const rows = deliveries.map(({ destination, event, ok, detail }) => [destination, `\`${event}\``, `${ok ? '✅' : '❌'} ${detail}`]);
    // A blank line first, so that the heading stands apart from whatever the step wrote before it.
    return `\n#### Notifications\n\n${(0,markdown/* table */.tp)(['destination', 'event', 'result'], rows)}`;
}

;// CONCATENATED MODULE: ./.tmp/build/src/notify/step.js


const BUILD_OUTPUTS = ['digest', 'image-ref', 'tags', 'skipped'];
const PATCH_OUTPUTS = ['commit', 'changed', 'files', 'diff'];
/** An event stays well under Pub/Sub's 10 MB and a chat service's limits even with a large diff. */
const MAX_OUTPUT = 32_000;
function pick(outputs, names) {
    return Object.fromEntries(Object.entries(outputs).filter(([name]) => names.includes(name)));
}
/**
 * Which events a step makes: one, except for two cases. `deliver`, which is
 * build-push then patch-manifest, makes one per part it ran: `build` then
 * `patch` on success; on failure, a failed `build` when no image was
 * pushed, otherwise a succeeded `build` and a failed `patch`. A deploy that
 * was rolled back makes a failed `deploy` and a succeeded `rollback`.
 */
function parts(step) {
    const { outputs, status, error } = step;
    const one = (kind, subject) => [{ kind, status, outputs, error, subject }];
    switch (step.action) {
        case 'build-push':
            return one('build', outputs['image-ref'] || step.input('image'));
        case 'patch-manifest':
            return one('patch', outputs.commit || step.input('branch') || 'candidate');
        case 'deploy-candidate': {
            const subject = outputs.revision || step.input('ref');
            if (outputs.result !== 'rolled-back')
                return one('deploy', subject);
            // The candidate failed and production was restored: two facts, two events.
            return [
                { kind: 'deploy', status: 'failure', outputs, error: error ?? 'rolled back', subject },
                { kind: 'rollback', status: 'success', outputs, subject },
            ];
        }
        case 'canary-check':
            return one('canary', outputs.decision ? `decision/${outputs.decision}` : '');
        case 'promote-production':
            return one(step.input('reason') === 'rollback' ? 'rollback' : 'promote', outputs.commit || step.input('source'));
        case 'deliver': {
            const built = pick(outputs, BUILD_OUTPUTS);
            const patched = pick(outputs, PATCH_OUTPUTS);
            const build = { kind: 'build', status: 'success', outputs: built, subject: built['image-ref'] || step.input('image') };
            const patch = {
                kind: 'patch',
                status,
                outputs: patched,
                error,
                subject: patched.commit || step.input('branch') || 'candidate',
            };
            if (status === 'success')
                return [build, patch];
            return built.digest ? [build, patch] : [{ ...build, status, error }];
        }
        default:
            throw new Error(`no event kind for action '${step.action}'`);
    }
}
/** A web link for the env repository when it is `owner/name` or an http(s) URL; otherwise the location as given. */
function envRepositoryLink(spec, context) {
    if (!spec)
        return undefined;
    if (/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(spec) && !spec.startsWith('.'))
        return `${context.serverUrl}/${spec}`;
    if (/^https?:\/\//i.test(spec)) {
        try {
            const url = new URL(spec);
            url.username = '';
            url.password = '';
            return url.toString().replace(/\.git\/?$/, '');
        }
        catch {
            return undefined;
        }
    }
    return spec;
}
function links(step, outputs, context) {
    const envRepository = envRepositoryLink(step.input('env-repository'), context);
    const revision = outputs.revision || outputs.commit;
    const result = {};
    if (context.runUrl)
        result.run = context.runUrl;
    if (context.repository && context.sha)
        result.commit = context.commitUrl(context.repository, context.sha);
    if (envRepository)
        result.envRepository = envRepository;
    if (revision && /^[0-9a-f]{40}$/.test(revision)) {
        result.revision = envRepository && /^https?:\/\//.test(envRepository) ? `${envRepository}/commit/${revision}` : revision;
    }
    return result;
}
function stepEvents(step, context, now = new Date()) {
    const source = context.runUrl || (context.repository ? `${context.serverUrl}/${context.repository}` : `urn:gitops-delivery:${step.action}`);
    return parts(step).map((part) => {
        const outputs = Object.fromEntries(Object.entries(part.outputs).map(([name, value]) => [name, (0,markdown/* truncate */.xv)(value, MAX_OUTPUT)]));
        return stepEvent({
            kind: part.kind,
            source,
            subject: part.subject,
            time: now,
            data: {
                action: step.action,
                status: part.status,
                outputs,
                ...(part.error ? { error: part.error } : {}),
                repository: context.repository,
                sha: context.sha,
                ref: context.ref,
                actor: context.actor,
                workflow: context.workflow,
                runId: context.runId,
                runAttempt: context.runAttempt,
                links: links(step, part.outputs, context),
            },
        });
    });
}

// EXTERNAL MODULE: ./.tmp/build/src/door/commands.js
var commands = __webpack_require__(9090);
// EXTERNAL MODULE: ./.tmp/build/src/door/step-outputs.js
var step_outputs = __webpack_require__(9873);
;// CONCATENATED MODULE: ./.tmp/build/src/door/notify.js








/**
 * Publishes the finished step's event(s) with the outputs it set, and adds
 * who was told what to the job summary. Whatever goes wrong here is a
 * warning: the step's result is already decided.
 */
async function notifyStep(action, config, outcome, env = process.env) {
    const logger = {
        info: (message) => void (0,external_node_fs_.writeSync)(1, `${message}\n`),
        warning: (message) => (0,commands/* issueCommand */.L)('warning', message),
    };
    try {
        const inputs = new action_inputs/* Inputs */.G(env);
        const events = stepEvents({
            action,
            status: outcome.error === undefined ? 'success' : 'failure',
            outputs: (0,step_outputs/* recordedOutputs */.N)(),
            error: outcome.error,
            input: (name) => inputs.raw(name),
        }, (0,context/* readRunContext */.$)(env));
        const deliveries = await notify(events, config, { logger });
        const { writeSummary } = await Promise.all(/* import() */[__webpack_require__.e(421), __webpack_require__.e(918)]).then(__webpack_require__.bind(__webpack_require__, 7918));
        await writeSummary(deliveriesSummary(deliveries));
    }
    catch (error) {
        logger.warning(`notify: ${(0,errors/* describeError */.U)(error)}`);
    }
}


/***/ }),

/***/ 9873:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ recordedOutputs),
/* harmony export */   T: () => (/* binding */ recordOutput)
/* harmony export */ });
/**
 * The outputs this step has set, kept in memory as well as written for the
 * runner, so that what happens after the body (the step's notification) can
 * report them. Later values replace earlier ones, as the runner reads them.
 */
const outputs = new Map();
function recordOutput(name, value) {
    outputs.delete(name);
    outputs.set(name, value);
}
function recordedOutputs() {
    return Object.fromEntries(outputs);
}


/***/ }),

/***/ 4610:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   Wo: () => (/* binding */ networkProblem),
/* harmony export */   kL: () => (/* binding */ isTimeout),
/* harmony export */   yL: () => (/* binding */ MAX_RETRY_AFTER_MS)
/* harmony export */ });
/* unused harmony export describeRequestFailure */
/** What fetch's failures and answers say, read the same way by every client here. */
/** Whether fetch gave up because its AbortSignal.timeout ran out. */
function isTimeout(error) {
    return error?.name === 'TimeoutError';
}
/** fetch's own message ("fetch failed") says nothing; its cause has the system's reason. */
function networkProblem(error) {
    const fields = (typeof error === 'object' && error !== null ? error : {});
    return fields.cause?.message || fields.cause?.code || fields.message || String(error);
}
/** The longest wait a Retry-After header is honoured for; a client that would wait longer gives up instead. */
const MAX_RETRY_AFTER_MS = 30_000;
/** A Retry-After header (delay seconds or an HTTP date) as milliseconds from `now`; undefined when absent or unreadable. */
function retryAfterMs(header, now) {
    if (!header)
        return undefined;
    const value = header.trim();
    if (/^\d+$/.test(value))
        return Number(value) * 1000;
    // An HTTP date: `Sun, 01 Nov 2026 12:00:12 GMT`; Date.parse alone would also take `-5` as a year.
    const date = /^[A-Za-z]{3}, /.test(value) ? Date.parse(value) : NaN;
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/**
 * What an Octokit (or fetch) failure says, with what was asked: `GET
 * https://api.github.com/repos/o/r/pulls: HTTP 404: Not Found` when the
 * server answered, the system's reason (`bad port`, `connect ECONNREFUSED …`,
 * `Invalid URL`) with the URL when it could not be asked.
 */
function describeRequestFailure(error) {
    const fields = (typeof error === 'object' && error !== null ? error : {});
    const request = fields.request?.method && fields.request.url ? `${fields.request.method} ${fields.request.url}: ` : '';
    if (fields.response?.status)
        return `${request}HTTP ${fields.response.status}: ${fields.message || 'no message'}`;
    if (isTimeout(error) || isTimeout(fields.cause))
        return `${request}no answer in time`;
    return `${request}${networkProblem(fields.cause ?? error)}`;
}


/***/ }),

/***/ 7572:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BI: () => (/* binding */ describeTries),
/* harmony export */   Cw: () => (/* binding */ describeStop),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   bV: () => (/* binding */ isTransientError),
/* harmony export */   o2: () => (/* binding */ transientResponse)
/* harmony export */ });
/* unused harmony exports TRANSIENT_STATUSES, isTransientStatus, realSleep, backoffMs, unwrap */
/* harmony import */ var _fetch_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4610);

/**
 * One retry policy for every client here (registry, webhooks, Pub/Sub,
 * Prometheus, kubectl apply): which failures may pass on their own, how long
 * to wait before the next try, and when to stop.
 */
/** Answers that say "not now" rather than "no": timeouts, too early, too many requests, and the server's or a gateway's trouble. */
const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
function isTransientStatus(status) {
    return TRANSIENT_STATUSES.has(status);
}
/**
 * The system's and undici's codes for a connection reset, refused or timed
 * out, and for a DNS server that could not answer yet (EAI_AGAIN; ENOTFOUND,
 * a name that does not exist, is final).
 */
const TRANSIENT_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
]);
/**
 * Whether a thrown error is a connection that failed in a way another try may
 * not: read by fields along the cause chain (fetch wraps the system's error
 * in "fetch failed"; a connection tried on several addresses fails with an
 * AggregateError of them), never with instanceof.
 */
function isTransientError(error, depth = 0) {
    if (typeof error !== 'object' || error === null || depth > 5)
        return false;
    if ((0,_fetch_js__WEBPACK_IMPORTED_MODULE_0__/* .isTimeout */ .kL)(error))
        return true;
    const { code, cause, errors } = error;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code))
        return true;
    if (Array.isArray(errors) && errors.some((inner) => isTransientError(inner, depth + 1)))
        return true;
    return isTransientError(cause, depth + 1);
}
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
/**
 * The wait before retry number `retry` (1 for the second try): full jitter,
 * anywhere from 0 to the doubled ceiling, so that clients failed together
 * do not come back together.
 */
function backoffMs(retry, policy, random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
    return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}
/**
 * Runs `operation` until it gives a final outcome, or a transient one that
 * the policy will not retry: the number of tries, the time budget or a
 * Retry-After beyond the cap stops it. Never throws what the operation threw:
 * the outcome comes back settled, with how the tries went, for the caller to
 * word (an outage is not a wrong input).
 */
async function withRetry(operation, policy, options = {}) {
    const sleep = options.sleep ?? realSleep;
    const random = options.random ?? Math.random;
    const now = options.now ?? Date.now;
    const judgeError = options.judgeError ?? ((error) => (isTransientError(error) ? { reason: String(error) } : undefined));
    const attempts = Math.max(1, policy.attempts);
    const maxRetryAfterMs = policy.maxRetryAfterMs ?? _fetch_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_RETRY_AFTER_MS */ .yL;
    const started = now();
    for (let attempt = 1;; attempt++) {
        let outcome;
        let transient;
        try {
            outcome = { ok: true, value: await operation(attempt) };
            transient = options.judge?.(outcome.value);
        }
        catch (error) {
            outcome = { ok: false, error };
            transient = judgeError(error);
        }
        const tries = (stopped) => ({
            attempts: attempt,
            elapsedMs: now() - started,
            ...(transient && { stopped, transient }),
        });
        if (!transient)
            return { ...outcome, tries: tries() };
        if (attempt >= attempts)
            return { ...outcome, tries: tries('attempts') };
        if (transient.retryAfterMs !== undefined && transient.retryAfterMs > maxRetryAfterMs) {
            return { ...outcome, tries: tries('retry-after') };
        }
        const delayMs = transient.retryAfterMs ?? backoffMs(attempt, policy, random);
        if (policy.budgetMs !== undefined && now() - started + delayMs > policy.budgetMs)
            return { ...outcome, tries: tries('budget') };
        if (outcome.ok)
            await options.discard?.(outcome.value);
        options.onRetry?.({ attempt: attempt + 1, of: attempts, delayMs, reason: transient.reason });
        await sleep(delayMs);
    }
}
/** The outcome's value, or what the operation threw. */
function unwrap(settled) {
    if (settled.ok)
        return settled.value;
    throw settled.error;
}
/** A response worth another try: a transient status, with the wait its Retry-After asks for. */
function transientResponse(response, now = Date.now) {
    if (!isTransientStatus(response.status))
        return undefined;
    const reason = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const header = response.headers.get('retry-after');
    const retryAfterMs = header ? (0,_fetch_js__WEBPACK_IMPORTED_MODULE_0__/* .retryAfterMs */ .Vs)(header, now()) : undefined;
    return retryAfterMs === undefined ? { reason } : { reason, retryAfterMs };
}
/** "5 times over 12.4 s", "once": how often and how long a failure went on. */
function describeTries(tries) {
    const times = tries.attempts === 1 ? 'once' : tries.attempts === 2 ? 'twice' : `${tries.attempts} times`;
    return tries.attempts === 1 ? times : `${times} over ${(tries.elapsedMs / 1000).toFixed(1)} s`;
}
/** Why the tries stopped, when it was not for want of tries: a Retry-After too long, or the time budget spent. */
function describeStop(tries) {
    if (tries.stopped === 'retry-after' && tries.transient?.retryAfterMs !== undefined) {
        return `; it asked to be retried in ${Math.ceil(tries.transient.retryAfterMs / 1000)} s, longer than this step waits`;
    }
    return '';
}


/***/ })

};
