import type { RunContext } from '../action/context.js';
import type { Inputs } from '../action/inputs.js';
import type { Logger } from '../action/logger.js';
import type { StepResult } from '../action/step.js';
import { readBuildPushInputs, type BuildPushInputs } from '../image/build-push-inputs.js';
import type { BuildPushResult } from '../image/build-push.js';
import { formatImageReference, sameRepository } from '../image/reference.js';
import { readPatchManifestInputs, type PatchManifestInputs } from '../manifest/patch-manifest-inputs.js';
import { parseImageUpdates } from '../manifest/updates.js';

/** The root action's inputs: one object for both steps, read from one set of inputs. */
export interface DeliverInputs {
  build: BuildPushInputs;
  patch: PatchManifestInputs;
}

export function readDeliverInputs(inputs: Inputs, context: RunContext): DeliverInputs {
  const build = readBuildPushInputs(inputs, context);
  // Without a push there is no digest to deliver.
  return { build: { ...build, push: true }, patch: readPatchManifestInputs(inputs, context, { imagesGiven: true }) };
}

/**
 * What the env repository should run: the image built for this commit, by
 * its short commit tag (as the tutorial tags it) and pinned by the digest the
 * registry holds, so the tag says what it is and the digest which bytes.
 */
export function deliveredImage(build: BuildPushInputs, digest: string, sha: string): string {
  const tags = build.tags.filter((ref) => sameRepository(ref, build.image)).map((ref) => ref.tag);
  const tag = tags.find((candidate) => candidate === sha.slice(0, 7)) ?? tags[0];
  return formatImageReference({ ...build.image, tag, digest });
}

export async function deliver(
  inputs: DeliverInputs,
  deps: { logger: Logger; context: RunContext; workdir: string; onBuilt?: (built: BuildPushResult) => void },
) {
  const [{ buildPush }, { patchManifest }, { appCommitAuthor }] = await Promise.all([
    import('../image/build-push.js'),
    import('../manifest/patch-manifest.js'),
    import('../git/app-author.js'),
  ]);
  const built = await deps.logger.group('build-push', () => buildPush(inputs.build, deps));
  deps.onBuilt?.(built);
  const image = deliveredImage(inputs.build, built.digest, deps.context.sha);
  const patch = { ...inputs.patch, images: inputs.patch.images.length ? inputs.patch.images : parseImageUpdates([image]) };
  const appAuthor = await appCommitAuthor(deps.context);
  const patched = await deps.logger.group('patch-manifest', () => patchManifest(patch, { ...deps, appAuthor }));
  return { built, patched, image, patch };
}

/**
 * The root action's use case: build-push's outputs are set as soon as the
 * image is pushed, so a failed patch still reports them.
 */
export async function deliverStep(
  inputs: DeliverInputs,
  deps: { logger: Logger; context: RunContext; workdir: string; setOutputs: (outputs: StepResult['outputs']) => void },
): Promise<StepResult> {
  const [{ buildPushOutputs, buildPushSummary }, { patchOutputs, patchSummary }] = await Promise.all([
    import('../image/build-push.js'),
    import('../manifest/patch-manifest.js'),
  ]);
  const { built, patched, patch } = await deliver(inputs, { ...deps, onBuilt: (image) => deps.setOutputs(buildPushOutputs(image)) });
  return { outputs: patchOutputs(patched), summary: `${buildPushSummary(built)}\n${patchSummary(patch, patched, deps.context)}` };
}
