import { readFileSync } from 'node:fs';
import { packagePath } from '../../util/package.js';
import { FEATURE_BITS, type FeatureVector } from './features.js';

/** A logistic model over hashed features: the probability that a unit discloses a patient. */
export interface PhiModel {
  probability(features: FeatureVector): number;
}

/** The weights: one per feature slot, then the bias. */
export function modelFromWeights(weights: Float32Array): PhiModel {
  if (weights.length !== (1 << FEATURE_BITS) + 1) throw new Error(`a PHI model has ${(1 << FEATURE_BITS) + 1} weights, not ${weights.length}`);
  const bias = weights[weights.length - 1]!;
  return {
    probability({ idx, val }) {
      let score = bias;
      for (let i = 0; i < idx.length; i++) score += weights[idx[i]!]! * val[i]!;
      return sigmoid(score);
    },
  };
}

export const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export const MODEL_FILE = 'phi-model.bin';

let shipped: PhiModel | undefined;

/** The model trained by scripts/train-phi.mjs and shipped in data/phi (little-endian float32 weights). */
export function shippedModel(): PhiModel {
  if (!shipped) {
    const bytes = readFileSync(packagePath('data', 'phi', MODEL_FILE));
    shipped = modelFromWeights(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice());
  }
  return shipped;
}
