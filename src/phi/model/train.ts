/**
 * Trains the PHI model: logistic regression with FTRL-Proximal (per-feature adaptive learning rates,
 * L2; McMahan et al., "Ad Click Prediction: a View from the Trenches", 2013). Deterministic: the
 * examples are shuffled with a seeded generator. Used by scripts/train-phi.mjs, never at run time.
 */
import { FEATURE_BITS, type FeatureVector } from './features.js';
import { sigmoid } from './classifier.js';

export interface TrainingOptions {
  alpha?: number;
  beta?: number;
  l2?: number;
  epochs?: number;
  seed?: number;
}

export function train(examples: readonly FeatureVector[], labels: readonly number[], options: TrainingOptions = {}): Float32Array {
  const { alpha = 1, beta = 1, l2 = 1, epochs = 20, seed = 7 } = options;
  const size = (1 << FEATURE_BITS) + 1;
  const bias = size - 1;
  const z = new Float64Array(size);
  const n = new Float64Array(size);
  const weight = (i: number) => -z[i]! / ((beta + Math.sqrt(n[i]!)) / alpha + l2);
  const update = (i: number, gradient: number, w: number) => {
    const sigma = (Math.sqrt(n[i]! + gradient * gradient) - Math.sqrt(n[i]!)) / alpha;
    z[i] = z[i]! + gradient - sigma * w;
    n[i] = n[i]! + gradient * gradient;
  };
  const order = examples.map((_, i) => i);
  const random = mulberry32(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const { idx, val } = examples[k]!;
      const ws = new Float64Array(idx.length);
      let score = weight(bias);
      for (let j = 0; j < idx.length; j++) {
        ws[j] = weight(idx[j]!);
        score += ws[j]! * val[j]!;
      }
      const gradient = sigmoid(score) - labels[k]!;
      update(bias, gradient, weight(bias));
      for (let j = 0; j < idx.length; j++) update(idx[j]!, gradient * val[j]!, ws[j]!);
    }
  }
  return Float32Array.from({ length: size }, (_, i) => weight(i));
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    let t = (state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
