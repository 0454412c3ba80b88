export const id = 36;
export const ids = [36];
export const modules = {

/***/ 5558:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OF: () => (/* binding */ fenced),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   xv: () => (/* binding */ truncate),
/* harmony export */   zH: () => (/* binding */ details)
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
/** A folded section: the summary line shows, the body opens on a click. */
function details(summary, body) {
    return `<details><summary>${summary}</summary>\n\n${body.replace(/\n$/, '')}\n\n</details>`;
}


/***/ }),

/***/ 5036:
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

/***/ 4036:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   emptyReport: () => (/* binding */ emptyReport),
/* harmony export */   strategyOutputs: () => (/* binding */ strategyOutputs),
/* harmony export */   strategySection: () => (/* binding */ strategySection)
/* harmony export */ });
/* harmony import */ var _action_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5558);
/* harmony import */ var _objects_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5036);
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
