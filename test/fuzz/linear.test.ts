// The text every post goes through (markdown to plain text, each network's count, the PHI scan) takes
// time linear in its length on the worst cases known: one 800 KB text takes about what eight texts of
// 100 KB take, in the same run, where a quadratic scan would take 8× as long. A ratio, not a
// wall-clock limit: the machine's speed and load, and the fixed cost of each text, cancel out.
import { describe, expect, it } from 'vitest';
import { compose, profileFor } from '../../src/networks/index.js';
import { createPhiScanner } from '../../src/phi/index.js';
import { HOSTILE_CASES, hostileBody } from '../../bench/lib/hostile-cases.mjs';

const scanner = createPhiScanner({ phones: ['844-466-7225'], staff: ['Dr. Priya Natarajan'] });
const NETWORKS = ['x', 'bluesky', 'mastodon', 'linkedin'] as const;
// Linear is 1×; quadratic 8×. 3× leaves room for noise and garbage collection on a shared machine.
const MAX_RATIO = 3;

function pipeline(body: string): void {
  for (const network of NETWORKS) {
    const text = compose({ body, variants: {} }, network).text;
    profileFor(network).count(text);
  }
  scanner.scan(compose({ body, variants: {} }, 'facebook').text, 'body');
}

let texts = 0;

/** The fastest of `runs` runs over all the bodies, in ms: the least disturbed by the rest of the machine. Each text differs by its last line, so that no cache answers it. */
function fastest(bodies: string[], runs: number): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const withLine = bodies.map((body) => `${body}${++texts}\n`);
    const started = performance.now();
    for (const text of withLine) pipeline(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('time linear in the text', () => {
  for (const name of Object.keys(HOSTILE_CASES)) {
    it(`on ${name}`, () => {
      const small = hostileBody(name, 100 * 1024);
      const large = hostileBody(name, 800 * 1024);
      fastest([small], 1); // warm up
      const ratio = fastest([large], 3) / fastest(Array(8).fill(small), 3);
      expect(ratio, `one text of 800 KB took ${ratio.toFixed(1)}× the time of eight of 100 KB`).toBeLessThanOrEqual(MAX_RATIO);
    }, 120_000);
  }
});
