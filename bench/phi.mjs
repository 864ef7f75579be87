// PHI scanning throughput: posts per second over 10,000 posts, against a plain-regex baseline
// run in the same process (the machines are shared, so the ratio is the figure to compare).
// Usage: npm run build && node bench/phi.mjs [posts]
import { readFileSync } from 'node:fs';
import { createPhiScanner } from '../dist/phi/index.js';

const total = Number(process.argv[2] ?? 10_000);
const corpus = readFileSync(new URL('../test/fixtures/phi/corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line).text);
const posts = Array.from({ length: total }, (_, i) => `${corpus[i % corpus.length]} (${i})`);
const practice = {
  name: 'Cedar Valley Family Health',
  phones: ['844-466-7225', '844-466-7229'],
  addresses: ['4100 Brookside Pkwy, Suite 210, Millbrook, OH 43081'],
  websites: ['https://cedarvalleyhealth.com'],
  emails: ['hello@cedarvalleyhealth.com'],
  handles: ['@cedarvalleyhealth'],
  staff: ['Dr. Priya Natarajan', 'Jenna Whitfield NP', 'Dr. Marcus Okafor', 'Rosa Delgado RN', 'Tom Brennan PA-C'],
};

function time(run) {
  const start = process.hrtime.bigint();
  const result = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

const setup = time(() => createPhiScanner(practice));
const scanner = setup.result;
scanner.scan('warm up: call 555-0100 about Maria', 'body');
const baseline = time(() => posts.reduce((n, text) => n + (text.match(/\b\d{3}[-.\s]\d{3}[-.\s]\d{4}\b|\S+@\S+\.\w+/g)?.length ?? 0), 0));
const scan = time(() => posts.reduce((n, text) => n + scanner.scan(text, 'body').length, 0));

console.log(`PHI scanning of ${total} posts (${corpus.length} corpus texts, cycled)`);
console.log(`  scanner set-up (dictionaries)  ${setup.ms.toFixed(0).padStart(7)} ms`);
console.log(`  phone+email regex baseline     ${baseline.ms.toFixed(0).padStart(7)} ms   ${Math.round(total / (baseline.ms / 1000))} posts/s`);
console.log(`  full PHI scan                  ${scan.ms.toFixed(0).padStart(7)} ms   ${Math.round(total / (scan.ms / 1000))} posts/s   ${(scan.ms / baseline.ms).toFixed(1)}× the baseline   (${scan.result} matches)`);
