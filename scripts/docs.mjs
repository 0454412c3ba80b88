// Writes each action's usage (a workflow snippet, the inputs and outputs
// tables) from its action.yml into its README, between the usage markers, and
// into the root README, between the reference markers, a short table that
// links to them, so the contract is written once and the docs cannot drift
// from it.
//
//   node scripts/docs.mjs            rewrite the READMEs
//   node scripts/docs.mjs --check    list stale READMEs, exit 1 if any
//   node scripts/docs.mjs --root D   work on the repository at D
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { parse, stringify } from 'yaml';

const START = '<!-- usage:start -->';
const END = '<!-- usage:end -->';
const REFERENCE_START = '<!-- reference:start -->';
const REFERENCE_END = '<!-- reference:end -->';
const VERSION = 'v1';

const { values: options } = parseArgs({
  options: { check: { type: 'boolean', default: false }, root: { type: 'string' } },
});
const root = options.root ?? new URL('..', import.meta.url).pathname;

/** Where a workflow finds the actions: `owner/name` from package.json's repository, when set. */
function repositorySlug() {
  const pkgPath = join(root, 'package.json');
  const pkg = existsSync(pkgPath) ? JSON.parse(readFileSync(pkgPath, 'utf8')) : {};
  const url = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '');
  const match = /github(?:\.com[/:]|:)([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url);
  return match ? match[1] : `OWNER/${pkg.name ?? 'REPOSITORY'}`;
}

/** Every action.yml: the root action, then actions/<name>/, in name order. */
function actionFolders() {
  const found = [];
  if (existsSync(join(root, 'action.yml'))) found.push({ dir: '', uses: '' });
  const actionsDir = join(root, 'actions');
  if (existsSync(actionsDir)) {
    for (const entry of readdirSync(actionsDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && existsSync(join(actionsDir, entry.name, 'action.yml'))) {
        found.push({ dir: join('actions', entry.name), uses: `/actions/${entry.name}` });
      }
    }
  }
  return found;
}

/** One table cell: wrapped lines joined, paragraphs and list items kept apart, pipes escaped. */
function cell(text) {
  const paragraphs = String(text ?? '')
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const lines = [];
      for (const line of paragraph.split('\n').map((l) => l.trim())) {
        if (!lines.length || /^([-*]|\d+\.) /.test(line)) lines.push(line);
        else lines[lines.length - 1] += ` ${line}`;
      }
      return lines.map(escapeHtml).join('<br>');
    });
  return paragraphs.join('<br><br>').replace(/\|/g, '\\|');
}

/** `<sha>` outside a code span would render as an HTML tag and vanish. */
function escapeHtml(markdown) {
  return markdown
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;')))
    .join('');
}

function code(value) {
  const text = String(value)
    .trim()
    .replace(/\s*\n\s*/g, ' ');
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ` ${text} ` : text}${fence}`.replace(/\|/g, '\\|');
}

function table(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function usageBlock(action, uses) {
  const inputs = Object.entries(action.inputs ?? {});
  const snippet = [`- uses: ${uses}@${VERSION}`];
  if (inputs.length) snippet.push('  with:');
  for (const [name, input] of inputs) {
    if (input?.required) {
      snippet.push(`    ${name}: '' # required`);
    } else {
      const example = input?.default === undefined ? '' : input.default;
      const lines = stringify({ [name]: example }, { lineWidth: 0, singleQuote: true })
        .trimEnd()
        .split('\n');
      snippet.push(...lines.map((line) => `    # ${line}`));
    }
  }
  return ['```yaml', ...snippet, '```', '', tablesBlock(action, '###')].join('\n');
}

/** The inputs and outputs tables, under headings of the given level. */
function tablesBlock(action, level) {
  const inputs = Object.entries(action.inputs ?? {});
  const outputs = Object.entries(action.outputs ?? {});
  const parts = [`${level} Inputs`, ''];
  parts.push(
    inputs.length
      ? table(
          ['name', 'description', 'required', 'default'],
          inputs.map(([name, input]) => [
            `\`${name}\``,
            cell(input?.deprecationMessage ? `${input.description ?? ''} Deprecated: ${input.deprecationMessage}` : input?.description),
            input?.required ? 'yes' : 'no',
            input?.default === undefined || input.default === '' ? '' : code(input.default),
          ]),
        )
      : 'None.',
  );
  parts.push('', `${level} Outputs`, '');
  parts.push(
    outputs.length
      ? table(
          ['name', 'description'],
          outputs.map(([name, output]) => [`\`${name}\``, cell(output?.description)]),
        )
      : 'None.',
  );
  return parts.join('\n');
}

function problemsOf(action, file) {
  const problems = [];
  if (!action || typeof action !== 'object') return [`${file}: not a YAML mapping`];
  if (!action.name) problems.push(`${file}: no name`);
  if (!action.description) problems.push(`${file}: no description`);
  for (const kind of ['inputs', 'outputs']) {
    for (const [name, entry] of Object.entries(action[kind] ?? {})) {
      if (!entry?.description) problems.push(`${file}: ${kind.slice(0, -1)} '${name}' has no description`);
    }
  }
  return problems;
}

async function formatted(markdown, path) {
  const config = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(markdown, { ...config, parser: 'markdown' });
}

/** `text` with what lies between the markers replaced by `content`; undefined when the markers are missing. */
function between(text, start, end, content) {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from < 0 || to < 0) return undefined;
  return text.slice(0, from) + `${start}\n\n${content}\n\n${end}` + text.slice(to + end.length);
}

/** The README with its usage block replaced; a missing README or missing markers get a Usage section. */
async function renderReadme(readmePath, action, uses) {
  const block = (await formatted(usageBlock(action, uses), readmePath)).trimEnd();
  if (!existsSync(readmePath)) {
    const usage = `${START}\n\n${block}\n\n${END}`;
    return formatted(`# ${action.name}\n\n${escapeHtml(String(action.description).trim())}\n\n## Usage\n\n${usage}\n`, readmePath);
  }
  const current = readFileSync(readmePath, 'utf8');
  return between(current, START, END, block) ?? `${current.trimEnd()}\n\n## Usage\n\n${START}\n\n${block}\n\n${END}\n`;
}

/** The root README's reference: one row per action, linking to the inputs and outputs in its own README. */
async function referenceBlock(actions, readmePath) {
  const names = (entries) => Object.keys(entries ?? {}).map((name) => `\`${name}\``);
  const rows = actions.map(({ dir, action }) => {
    const name = dir ? dir.split('/').pop() : 'deliver (the root action)';
    const page = dir ? `${dir}#inputs` : 'docs/deliver.md#inputs';
    const summary = escapeHtml(
      String(action.description)
        .trim()
        .split(/(?<=\.)\s/)[0],
    );
    const inputs = names(action.inputs);
    return [
      `[${name}](${page})`,
      summary,
      `${inputs.length}: ${inputs.slice(0, 4).join(', ')}${inputs.length > 4 ? ', …' : ''}`,
      names(action.outputs).join(', '),
    ];
  });
  return (await formatted(table(['action', 'what it does', 'inputs', 'outputs'], rows), readmePath)).trimEnd();
}

const slug = repositorySlug();
const problems = [];
const actions = [];
/** The text each generated file should have, by path; compared with the disk at the end. */
const wanted = new Map();
for (const { dir, uses } of actionFolders()) {
  const file = join(dir, 'action.yml');
  let action;
  try {
    action = parse(readFileSync(join(root, file), 'utf8'));
  } catch (error) {
    problems.push(`${file}: ${error.message.split('\n')[0]}`);
    continue;
  }
  const found = problemsOf(action, file);
  if (found.length) {
    problems.push(...found);
    continue;
  }
  actions.push({ dir, action });
  // The root action's usage lives in docs/deliver.md, so that the front page stays short.
  const readmePath = dir ? join(root, dir, 'README.md') : join(root, 'docs', 'deliver.md');
  wanted.set(readmePath, await renderReadme(readmePath, action, `${slug}${uses}`));
}
// The root README holds a short reference of every action.
const rootReadme = join(root, 'README.md');
if (existsSync(rootReadme)) {
  const current = readFileSync(rootReadme, 'utf8');
  const withReference = between(current, REFERENCE_START, REFERENCE_END, await referenceBlock(actions, rootReadme));
  if (withReference !== undefined) wanted.set(rootReadme, withReference);
}

const stale = [];
for (const [path, text] of wanted) {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
  stale.push(relative(root, path));
  if (!options.check) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

for (const problem of problems) process.stderr.write(`${problem}\n`);
if (options.check) {
  if (stale.length) process.stderr.write(`Usage docs are stale in:\n${stale.map((p) => `  ${p}\n`).join('')}Run: npm run docs\n`);
  process.exitCode = stale.length || problems.length ? 1 : 0;
} else {
  for (const path of stale) process.stdout.write(`wrote ${path}\n`);
  process.exitCode = problems.length ? 1 : 0;
}
