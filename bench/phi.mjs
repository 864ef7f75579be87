// PHI scanning throughput: posts per second over 10,000 posts, against a plain-regex baseline
// run in the same process (the machines are shared, so the ratio is the figure to compare).
// Usage: npm run build && node bench/phi.mjs [posts]
// As a module: measurePhi({ texts }) (used by bench/run.mjs, on the corpus and on generated posts).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createPhiScanner } from '../dist/phi/index.js';

/** The example practice the labelled PHI sets are written for. */
export const PRACTICE = JSON.parse(readFileSync(new URL('../test/fixtures/phi/practice.json', import.meta.url), 'utf8'));

/** The labelled PHI corpus (test/fixtures/phi), cycled to `total` texts, each made unique by its number. */
export function corpusTexts(total) {
  const corpus = readFileSync(new URL('../test/fixtures/phi/corpus.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line).text);
  return { texts: Array.from({ length: total }, (_, i) => `${corpus[i % corpus.length]} (${i})`), distinct: corpus.length };
}

function time(run) {
  const start = process.hrtime.bigint();
  const result = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/** Scans every text once as a post body; returns set-up, baseline and scan times. */
export function measurePhi({ texts, practice = PRACTICE }) {
  const setup = time(() => createPhiScanner(practice));
  const scanner = setup.result;
  scanner.scan('warm up: call 555-0100 about Maria', 'body');
  const baseline = time(() => texts.reduce((n, text) => n + (text.match(/\b\d{3}[-.\s]\d{3}[-.\s]\d{4}\b|\S+@\S+\.\w+/g)?.length ?? 0), 0));
  const scan = time(() => texts.reduce((n, text) => n + scanner.scan(text, 'body').length, 0));
  return {
    posts: texts.length,
    setupMs: setup.ms,
    baselineMs: baseline.ms,
    scanMs: scan.ms,
    postsPerSecond: texts.length / (scan.ms / 1000),
    baselinePostsPerSecond: texts.length / (baseline.ms / 1000),
    ratio: scan.ms / baseline.ms,
    matches: scan.result,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const total = Number(process.argv[2] ?? 10_000);
  const { texts, distinct } = corpusTexts(total);
  const r = measurePhi({ texts });
  console.log(`PHI scanning of ${total} posts (${distinct} corpus texts, cycled)`);
  console.log(`  scanner set-up (dictionaries)  ${r.setupMs.toFixed(0).padStart(7)} ms`);
  console.log(`  phone+email regex baseline     ${r.baselineMs.toFixed(0).padStart(7)} ms   ${Math.round(r.baselinePostsPerSecond)} posts/s`);
  console.log(`  full PHI scan                  ${r.scanMs.toFixed(0).padStart(7)} ms   ${Math.round(r.postsPerSecond)} posts/s   ${r.ratio.toFixed(1)}× the baseline   (${r.matches} matches)`);
}
