// The example practice three months on: its posts, plans and configuration with a publish record of
// every ready post of December to February sent at its time, and weekly snapshots of their figures to
// March 8, 2027 (as the weekly workflow would have read them, in each network's own metrics). The
// example itself only records what was sent by today, so the charts and best times are tested here.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLE = fileURLToPath(new URL('../../', import.meta.url));
const HISTORY = fileURLToPath(new URL('./three-months/', import.meta.url));
const EXAMPLE_FILES = ['plan.config.yaml', 'plans', 'content', 'media'];

/** A copy of the example with three months of record and figures; remove it with `rmSync(dir, { recursive: true })`. */
export function exampleThreeMonthsOn(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-insights-example-'));
  for (const file of EXAMPLE_FILES) cpSync(path.join(EXAMPLE, file), path.join(dir, file), { recursive: true });
  mkdirSync(path.join(dir, '.plan'));
  for (const file of ['ledger.jsonl', 'metrics.jsonl']) cpSync(path.join(HISTORY, file), path.join(dir, '.plan', file));
  return dir;
}

export function removeExampleCopy(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
