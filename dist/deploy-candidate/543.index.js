export const id = 543;
export const ids = [543];
export const modules = {

/***/ 9509:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F8: () => (/* binding */ groupOf),
/* harmony export */   H8: () => (/* binding */ refOf),
/* harmony export */   Ro: () => (/* binding */ describeRef),
/* harmony export */   XF: () => (/* binding */ refKey),
/* harmony export */   Z6: () => (/* binding */ isClusterScoped),
/* harmony export */   gv: () => (/* binding */ isWorkload),
/* harmony export */   j6: () => (/* binding */ resourceArg)
/* harmony export */ });
/* unused harmony export WORKLOAD_KINDS */
/** Kubernetes objects as the manifests and kubectl give them, and how we name them. */
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

/***/ 3543:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deploySummary: () => (/* binding */ deploySummary),
  workloadsJson: () => (/* binding */ workloadsJson)
});

;// CONCATENATED MODULE: ./src/action/markdown.ts
/** Small pieces of job-summary Markdown shared by the actions. */
function markdown_link(text, url) {
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

// EXTERNAL MODULE: ./src/kube/duration.ts
var duration = __webpack_require__(5161);
// EXTERNAL MODULE: ./src/kube/objects.ts
var objects = __webpack_require__(9509);
;// CONCATENATED MODULE: ./src/kube/summary.ts



/** The `workloads` output: one entry per workload waited for. */
function workloadsJson(workloads) {
    return JSON.stringify(workloads.map((w) => ({
        kind: w.ref.kind,
        name: w.ref.name,
        namespace: w.ref.namespace,
        status: w.status,
        'duration-ms': w.durationMs,
        reason: w.reason,
    })));
}
const ICON = { succeeded: '✅', failed: '❌', 'timed-out': '⏱️' };
function rolloutSection(title, rollout) {
    const lines = [`#### ${title}`, ''];
    if (rollout.applyError)
        return [...lines, 'The apply was refused:', '', fenced('', truncate(rollout.applyError, 8000)), ''];
    lines.push(`Applied ${rollout.applied.length} objects.`, '');
    if (rollout.workloads.length) {
        lines.push(table(['workload', 'namespace', 'status', 'duration', 'detail'], rollout.workloads.map((w) => [
            `${(0,objects/* resourceArg */.j6)(w.ref)}/${w.ref.name}`,
            w.ref.namespace,
            `${ICON[w.status]} ${w.status}`,
            (0,duration/* formatDuration */.a)(w.durationMs),
            w.reason,
        ])), '');
    }
    for (const diagnosis of rollout.diagnoses) {
        lines.push(`**Why ${(0,objects/* describeRef */.Ro)(diagnosis.ref)} did not roll out**`, '');
        if (!diagnosis.findings.length)
            lines.push('- no pod shows a problem; see the events below', '');
        for (const finding of diagnosis.findings) {
            const more = finding.alsoIn ? ` (and ${finding.alsoIn} more like it)` : '';
            lines.push(`- **${finding.reason}** in ${finding.subject}${more}: ${finding.message}`);
            if (finding.logs)
                lines.push('', fenced('text', truncate(finding.logs, 4000)), '');
        }
        if (diagnosis.events.length)
            lines.push('', 'Recent warning events:', '', fenced('text', diagnosis.events.join('\n')));
        lines.push('');
    }
    return lines;
}
function deploySummary(result, environment) {
    const headline = {
        succeeded: `✅ **succeeded**: every workload rolled out in ${(0,duration/* formatDuration */.a)(result.durationMs)}`,
        failed: `❌ **failed** after ${(0,duration/* formatDuration */.a)(result.durationMs)}`,
        'rolled-back': `↩️ **rolled back** after ${(0,duration/* formatDuration */.a)(result.durationMs)}: the candidate failed, production was restored`,
    };
    const revision = result.revision ? ` of \`${result.revision.slice(0, 12)}\`` : '';
    const lines = ['### deploy-candidate', '', `Deployment${revision} to ${environment}: ${headline[result.result]}`, ''];
    if (result.failure)
        lines.push(`> ${result.failure.replace(/\n/g, ' ')}`, '');
    lines.push(...rolloutSection('Candidate', result.candidate));
    if (result.rollback && 'skipped' in result.rollback)
        lines.push('#### Rollback', '', `Not rolled back: ${result.rollback.skipped}. The failed state is left for inspection.`, '');
    else if (result.rollback)
        lines.push(...rolloutSection(`Rollback to \`${result.rollback.revision.slice(0, 12)}\``, result.rollback));
    if (result.pruned.length)
        lines.push('#### Pruned', '', ...result.pruned.map((ref) => `- ${(0,objects/* describeRef */.Ro)(ref)}`), '');
    return lines.join('\n');
}


/***/ })

};
