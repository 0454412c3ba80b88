import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../../src/action/errors.js';
import { readRunContext } from '../../../src/action/context.js';
import { Inputs } from '../../../src/action/inputs.js';
import { readPromoteInputs } from '../../../src/pipeline/promote-inputs.js';
import { chunksOf, parsePublishMappings, planPublication } from '../../../src/image/copy.js';
import { formatImageReference, parseImageReference } from '../../../src/image/reference.js';

const parse = (lines: string[]) => parsePublishMappings(lines, parseImageReference);
const thrown = (work: () => unknown): Error => {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;
const image = (text: string, file = 'hello.yaml') => ({ image: parseImageReference(text), file });

describe('parsePublishMappings', () => {
  it('reads SOURCE=TARGET lines as repositories, dropping repeated lines', () => {
    const mappings = parse([
      'us-docker.pkg.dev/p/internal/hello = ghcr.io/acme/hello',
      'us-docker.pkg.dev/p/internal/hello=ghcr.io/acme/hello',
      'us-docker.pkg.dev/p/internal/hello=docker.io/acme/hello',
      'us-docker.pkg.dev/p/internal/worker=acme/worker',
    ]);
    expect(mappings.map(({ source, target }) => `${formatImageReference(source)} -> ${formatImageReference(target)}`)).toEqual([
      'us-docker.pkg.dev/p/internal/hello -> ghcr.io/acme/hello',
      'us-docker.pkg.dev/p/internal/hello -> docker.io/acme/hello',
      'us-docker.pkg.dev/p/internal/worker -> acme/worker',
    ]);
  });

  it.each([
    ['no =', 'ghcr.io/acme/hello', /'ghcr.io\/acme\/hello' is not a SOURCE=TARGET line; expected lines of SOURCE=TARGET/],
    ['an empty TARGET', 'ghcr.io/a/hello=', /is not a SOURCE=TARGET line/],
    ['a tagged SOURCE', 'r.io/a/hello:v1=ghcr.io/a/hello', /SOURCE 'r.io\/a\/hello:v1' names a tag; images are published by the digest/],
    ['a TARGET with a digest', `r.io/a/hello=ghcr.io/a/hello@${DIGEST_A}`, /TARGET 'ghcr.io\/a\/hello@sha256:a+' names a digest/],
    [
      'an invalid TARGET',
      'r.io/a/hello=ghcr.io/Acme/Hello',
      /TARGET of 'r.io\/a\/hello=ghcr.io\/Acme\/Hello': 'ghcr.io\/Acme\/Hello' is not a valid image reference/,
    ],
    ['a SOURCE published to itself', 'nginx=docker.io/library/nginx', /'nginx=docker.io\/library\/nginx' publishes nginx to itself/],
  ])('refuses %s, naming the input and the form', (_name, line, message) => {
    const error = thrown(() => parse([line]));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^input 'publish-images': /);
    expect(error.message).toMatch(message);
  });

  it('refuses two SOURCEs published to one TARGET', () => {
    expect(thrown(() => parse(['r.io/a/one=ghcr.io/a/app', 'r.io/a/two=ghcr.io/a/app'])).message).toContain(
      'ghcr.io/a/app is the TARGET of both r.io/a/one and r.io/a/two',
    );
  });
});

describe('planPublication', () => {
  const mappings = parse(['r.io/internal/hello=ghcr.io/acme/hello']);

  it('publishes each digest a SOURCE is deployed by, once, naming the files', () => {
    const plan = planPublication(
      mappings,
      [
        image(`r.io/internal/hello:v1@${DIGEST_A}`, 'a.yaml'),
        image(`r.io/internal/hello@${DIGEST_A}`, 'b.yaml'),
        image('r.io/internal/other:v1', 'c.yaml'),
      ],
      'abc1234',
      ['latest'],
    );
    expect(plan).toEqual([
      {
        source: { registry: 'r.io', path: 'internal/hello', digest: DIGEST_A, tag: undefined },
        digest: DIGEST_A,
        files: ['a.yaml', 'b.yaml'],
        target: { registry: 'ghcr.io', path: 'acme/hello' },
      },
    ]);
  });

  it('refuses an image of a SOURCE without a digest, naming the file and the image', () => {
    const error = thrown(() =>
      planPublication(
        mappings,
        [image(`r.io/internal/hello@${DIGEST_A}`, 'a.yaml'), image('r.io/internal/hello:v2', 'apps/b.yaml')],
        'abc1234',
        [],
      ),
    );
    expect(error.message).toBe(
      'apps/b.yaml in abc1234 deploys r.io/internal/hello:v2, which has no digest; publish-images copies by digest only, so nothing was promoted',
    );
  });

  it('refuses a SOURCE the revision does not deploy, saying what it deploys', () => {
    const error = thrown(() => planPublication(mappings, [image(`r.io/internal/other@${DIGEST_A}`)], 'abc1234', []));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      "input 'publish-images': r.io/internal/hello is not an image that abc1234 deploys (it deploys r.io/internal/other)",
    );
  });

  it('copies two digests of one SOURCE, but not under one tag', () => {
    const images = [image(`r.io/internal/hello@${DIGEST_A}`, 'a.yaml'), image(`r.io/internal/hello@${DIGEST_B}`, 'b.yaml')];
    expect(planPublication(mappings, images, 'abc1234', []).map((entry) => entry.digest)).toEqual([DIGEST_A, DIGEST_B]);
    expect(thrown(() => planPublication(mappings, images, 'abc1234', ['latest'])).message).toContain(
      `abc1234 deploys 2 digests of r.io/internal/hello (a.yaml: ${DIGEST_A}; b.yaml: ${DIGEST_B}), so publish-tags cannot name one`,
    );
  });
});

describe('promote-production publication inputs', () => {
  const read = (values: Record<string, string>) => {
    const env = Object.fromEntries(
      Object.entries({ 'env-repository': '/tmp/env.git', source: 'candidate', ...values }).map(([name, value]) => [
        `INPUT_${name.toUpperCase()}`,
        value,
      ]),
    );
    return readPromoteInputs(new Inputs(env), readRunContext({}));
  };

  it('reads publish-images and publish-tags with their placeholders', () => {
    const inputs = read({ 'publish-images': 'r.io/a/hello=ghcr.io/a/hello', 'publish-tags': '{app-short-sha}, latest' });
    expect(inputs.publishImages.map((mapping) => formatImageReference(mapping.target))).toEqual(['ghcr.io/a/hello']);
    expect(inputs.publishTags).toEqual(['{app-short-sha}', 'latest']);
    expect(read({}).publishImages).toEqual([]);
  });

  it('refuses a bad tag and tags without images', () => {
    expect(thrown(() => read({ 'publish-images': 'r.io/a/hello=ghcr.io/a/hello', 'publish-tags': 'a b' })).message).toContain(
      "input 'publish-tags': 'a b' is not a tag",
    );
    expect(thrown(() => read({ 'publish-tags': 'latest' })).message).toContain("input 'publish-tags': is set but publish-images is empty");
  });
});

describe('chunksOf', () => {
  it('re-cuts a stream into pieces of the chunk size, the last shorter', async () => {
    const bytes = Buffer.from(Array.from({ length: 23 }, (_, index) => index));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const [start, end] of [
          [0, 3],
          [3, 4],
          [4, 15],
          [15, 23],
        ])
          controller.enqueue(bytes.subarray(start, end));
        controller.close();
      },
    });
    const chunks: Buffer[] = [];
    for await (const chunk of chunksOf(stream, 5)) chunks.push(Buffer.from(chunk));
    expect(chunks.map((chunk) => chunk.length)).toEqual([5, 5, 5, 5, 3]);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });
});
