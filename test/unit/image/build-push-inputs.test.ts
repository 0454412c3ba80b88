import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRunContext } from '../../../src/action/context.js';
import { InputError } from '../../../src/action/errors.js';
import { Inputs } from '../../../src/action/inputs.js';
import { readBuildPushInputs } from '../../../src/image/build-push-inputs.js';
import { formatImageReference } from '../../../src/image/reference.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('readBuildPushInputs', () => {
  let workspace: string;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'build-push-inputs-'));
    await mkdir(join(workspace, 'app'));
    await writeFile(join(workspace, 'app', 'Dockerfile'), 'FROM scratch\n');
    await mkdir(join(workspace, 'bare'));
    await writeFile(join(workspace, 'Containerfile'), 'FROM scratch\n');
  });
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  const read = (inputs: Record<string, string>, env: Record<string, string> = {}) => {
    const variables = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
    return readBuildPushInputs(new Inputs(variables), readRunContext({ GITHUB_SHA: SHA, GITHUB_WORKSPACE: workspace, ...env }));
  };
  const rejection = (inputs: Record<string, string>, env?: Record<string, string>): InputError => {
    try {
      read(inputs, env);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return error as InputError;
    }
    throw new Error('the inputs were accepted');
  };

  it('tags the full and short commit SHA first, then the given tags, bare words in the image repository', () => {
    const inputs = read({
      image: '127.0.0.1:5000/team/app',
      context: 'app',
      tags: 'latest, v1.2\n# a comment\nghcr.io/team/app:v1\nlatest',
    });
    expect(inputs.tags.map(formatImageReference)).toEqual([
      `127.0.0.1:5000/team/app:${SHA}`,
      '127.0.0.1:5000/team/app:0123456',
      '127.0.0.1:5000/team/app:latest',
      '127.0.0.1:5000/team/app:v1.2',
      'ghcr.io/team/app:v1',
    ]);
    expect(inputs.commitTag && formatImageReference(inputs.commitTag)).toBe(`127.0.0.1:5000/team/app:${SHA}`);
    expect(inputs.context).toBe(join(workspace, 'app'));
    expect(inputs.file).toBe(join(workspace, 'app', 'Dockerfile'));
    expect(inputs).toMatchObject({ builder: 'auto', push: true, skipExisting: true, insecureRegistries: [] });
  });

  it('reads labels with dotted keys, build args, secrets, platforms and insecure registries', () => {
    const inputs = read({
      image: 'registry.internal:5000/app',
      context: 'bare',
      file: 'Containerfile',
      labels: 'org.opencontainers.image.licenses=MIT\ncom.example/team=a=b',
      'build-args': 'VERSION=1.2\nEMPTY=',
      secrets: 'npm_token=abc=def',
      platforms: 'linux/amd64,linux/arm/v7',
      'insecure-registry': 'true',
      builder: 'buildah',
      push: 'false',
    });
    expect(inputs.file).toBe(join(workspace, 'Containerfile'));
    expect(inputs.labels).toEqual([
      ['org.opencontainers.image.licenses', 'MIT'],
      ['com.example/team', 'a=b'],
    ]);
    expect(inputs.buildArgs).toEqual([
      ['VERSION', '1.2'],
      ['EMPTY', ''],
    ]);
    expect(inputs.secrets).toEqual([['npm_token', 'abc=def']]);
    expect(inputs.platforms).toEqual(['linux/amd64', 'linux/arm/v7']);
    expect(inputs.insecureRegistries).toEqual(['registry.internal:5000']);
    expect(inputs).toMatchObject({ builder: 'buildah', push: false });
  });

  it.each([
    [
      'uppercase',
      'ghcr.io/Team/App',
      /input 'image': 'ghcr.io\/Team\/App' is not a valid image reference: repository component 'Team' must be lowercase/,
    ],
    ['a tag', 'ghcr.io/team/app:v1', /input 'image': 'ghcr.io\/team\/app:v1' includes a tag \('v1'\); tags go in the 'tags' input/],
    ['a digest', `ghcr.io/team/app@sha256:${'a'.repeat(64)}`, /input 'image': .* includes a digest/],
    ['spaces', 'ghcr.io/team/my app', /input 'image': .* contains white space/],
    ['nothing', '', /input 'image': is required/],
  ])('rejects an image with %s', (_case, image, message) => {
    expect(rejection({ image, context: 'app' }).message).toMatch(message);
  });

  it('rejects a missing context, a missing Dockerfile, an unknown builder and half credentials', () => {
    expect(rejection({ image: 'app', context: 'nowhere' }).message).toBe(
      `input 'context': 'nowhere' does not exist (${join(workspace, 'nowhere')}); expected a folder relative to the workspace`,
    );
    expect(rejection({ image: 'app', context: 'bare' }).message).toBe(
      `input 'file': is not set and the context has no Dockerfile (${join(workspace, 'bare', 'Dockerfile')}); expected a Dockerfile path relative to the workspace`,
    );
    expect(rejection({ image: 'app', context: 'app', file: 'app' }).input).toBe('file');
    expect(rejection({ image: 'app', context: 'app', builder: 'kaniko' }).message).toBe(
      "input 'builder': 'kaniko' is not supported; expected one of auto, docker, buildah",
    );
    expect(rejection({ image: 'app', context: 'app', username: 'me' }).input).toBe('password');
    expect(rejection({ image: 'app', context: 'app', password: 'secret' }).input).toBe('username');
  });

  it('rejects tags it cannot place', () => {
    expect(rejection({ image: 'app', context: 'app', tags: 'bad tag!' }).input).toBe('tags');
    expect(rejection({ image: 'app', context: 'app', tags: 'ghcr.io/team/app' }).message).toMatch(/'ghcr.io\/team\/app' has no tag/);
    expect(rejection({ image: 'app', context: 'app' }, { GITHUB_SHA: '' }).message).toMatch(
      /input 'tags': is empty and GITHUB_SHA is not set/,
    );
    expect(rejection({ image: 'app', context: 'app', tags: 'ghcr.io/team/other:v1' }, { GITHUB_SHA: '' }).message).toMatch(
      /none is in the repository 'app'/,
    );
    expect(rejection({ image: 'app', context: 'app', platforms: 'amd64' }).input).toBe('platforms');
    expect(rejection({ image: 'app', context: 'app', labels: 'no equals sign' }).input).toBe('labels');
    expect(rejection({ image: 'app', context: 'app', 'insecure-registry': 'http://x' }).input).toBe('insecure-registry');
  });
});
