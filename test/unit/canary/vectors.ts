import { readFileSync } from 'node:fs';

/** A canary (experiment) and baseline (control) sample from Kayenta's own test suites. */
export interface KayentaVector {
  experiment: number[];
  control: number[];
}

const vectors = JSON.parse(readFileSync(new URL('./fixtures/kayenta-vectors.json', import.meta.url), 'utf8')) as {
  mannWhitney: Record<string, KayentaVector>;
  classifier: Record<string, KayentaVector>;
};

export function mannWhitneyVector(test: string): KayentaVector {
  const vector = vectors.mannWhitney[test];
  if (!vector) throw new Error(`no Kayenta Mann-Whitney vector '${test}'`);
  return vector;
}

export function classifierVector(test: string): KayentaVector {
  const vector = vectors.classifier[test];
  if (!vector) throw new Error(`no Kayenta classifier vector '${test}'`);
  return vector;
}
