import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../../src/action/errors.js';
import { builtinVars, mergeVars, renderTemplate } from '../../../src/manifest/template.js';

const tutorialTemplate = fileURLToPath(new URL('../../fixtures/gke-gitops-tutorial/kubernetes.yaml.tpl', import.meta.url));
const context = {
  sha: '4f1c2a9d0e5b6c7d8e9fa0b1c2d3e4f5a6b7c8d9',
  repository: 'acme/hello-cloudbuild-app',
  ref: 'refs/heads/main',
  refName: 'main',
};

describe('renderTemplate', () => {
  it("renders the tutorial's template to exactly the bytes of its two sed commands", () => {
    const projectId = 'my-project-123';
    const shortSha = context.sha.slice(0, 7);
    const bySed = execFileSync('sh', [
      '-c',
      'sed "s/GOOGLE_CLOUD_PROJECT/$1/g" "$3" | sed "s/COMMIT_SHA/$2/g"',
      'sh',
      projectId,
      shortSha,
      tutorialTemplate,
    ]);
    const vars = mergeVars(
      builtinVars(context),
      new Map([
        ['GOOGLE_CLOUD_PROJECT', projectId],
        ['COMMIT_SHA', '${SHORT_SHA}'],
      ]),
    );
    const rendered = renderTemplate(readFileSync(tutorialTemplate, 'utf8'), vars, ['GOOGLE_CLOUD_PROJECT', 'COMMIT_SHA']);
    expect(Buffer.from(rendered)).toEqual(bySed);
    expect(rendered).toContain(`us-central1-docker.pkg.dev/${projectId}/my-repository/hello-cloudbuild:${shortSha}`);
  });

  it.each([
    ['${IMAGE}', 'ghcr.io/a/b:1'],
    ['$IMAGE', 'ghcr.io/a/b:1'],
    ['x-$IMAGE-y', 'x-ghcr.io/a/b:1-y'],
    ['$$IMAGE', '$IMAGE'],
    ['$HOME stays', '$HOME stays'],
    ['IMAGE not bare', 'IMAGE not bare'],
  ])('substitutes %s', (text, expected) => {
    expect(renderTemplate(text, new Map([['IMAGE', 'ghcr.io/a/b:1']]))).toBe(expected);
  });

  it('replaces bare words only as whole words', () => {
    const vars = new Map([['TAG', 'v2']]);
    expect(renderTemplate('img:TAG TAGS MY_TAG TAG_X TAG', vars, ['TAG'])).toBe('img:v2 TAGS MY_TAG TAG_X v2');
  });

  it('names every unknown ${NAME} and writes nothing', () => {
    const render = () => renderTemplate('a: ${MISSING}\nb: ${ALSO_MISSING}\nc: ${KNOWN}', new Map([['KNOWN', 'k']]));
    expect(render).toThrow(InputError);
    expect(render).toThrow(/\$\{MISSING\}, \$\{ALSO_MISSING\}/);
  });

  it('exposes the Cloud Build built-ins from the run', () => {
    const vars = builtinVars({ ...context, ref: 'refs/tags/v1.2.0', refName: 'v1.2.0' }, { PROJECT_ID: 'p', IMAGE: undefined });
    expect(Object.fromEntries(vars)).toEqual({
      COMMIT_SHA: context.sha,
      SHORT_SHA: '4f1c2a9',
      REPO_NAME: 'hello-cloudbuild-app',
      TAG_NAME: 'v1.2.0',
      PROJECT_ID: 'p',
    });
  });

  it('rejects a var whose value uses an unknown built-in', () => {
    expect(() => mergeVars(builtinVars(context), new Map([['X', '${NOPE}']]))).toThrow(/input 'vars': X=\$\{NOPE\}/);
  });
});
