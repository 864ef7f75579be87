#!/usr/bin/env node
// Evaluates the compiled PHI engine (dist/phi) on the labeled corpus and on presidio-research.
// Usage: npm run build && node scripts/eval-phi.mjs [--corpus FILE] [--no-presidio]
// Prints figures and post ids only, never post text.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};

let engine;
try {
  engine = await import('../dist/phi/index.js');
} catch (e) {
  console.error(`eval-phi: cannot load dist/phi/index.js (${e.message}); run "npm run build" first`);
  process.exit(2);
}
const { createPhiScanner, PHI_RULE_BY_TYPE } = engine;

const PRACTICE = {
  name: 'Cedar Valley Family Health',
  phones: ['844-466-7225', '844-466-7229'],
  addresses: ['4100 Brookside Pkwy, Suite 210, Millbrook, OH 43081'],
  websites: ['https://cedarvalleyhealth.com'],
  emails: ['hello@cedarvalleyhealth.com'],
  handles: ['@cedarvalleyhealth'],
  staff: ['Dr. Priya Natarajan', 'Jenna Whitfield NP', 'Dr. Marcus Okafor', 'Rosa Delgado RN', 'Tom Brennan PA-C'],
};

const pct = (n, d) => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const ratio = (n, d) => (d === 0 ? 0 : n / d);
const family = (t) => PHI_RULE_BY_TYPE[t];
const overlaps = (a, b) => a.start < b.end && b.start < a.end;

function spanTable(title, stats) {
  console.log(`\n${title}`);
  console.log('  type          found / gold   recall');
  for (const [t, s] of Object.entries(stats).sort()) {
    console.log(`  ${t.padEnd(12)} ${String(s.found).padStart(6)} / ${String(s.gold).padEnd(5)} ${pct(s.found, s.gold)}`);
  }
}

function scoreSpans(stats, gold, matches) {
  for (const g of gold) {
    const s = (stats[g.type] ??= { found: 0, gold: 0 });
    s.gold++;
    if (matches.some((m) => family(m.type) === family(g.type) && overlaps(m, g))) s.found++;
  }
}

// ---- Corpus -------------------------------------------------------------------------------
const corpusPath = opt('--corpus') ?? fileURLToPath(new URL('../test/fixtures/phi/corpus.jsonl', import.meta.url));
if (!existsSync(corpusPath)) {
  console.error(`eval-phi: no corpus at ${corpusPath}; run "node test/fixtures/phi/build.mjs" first`);
  process.exit(2);
}
const records = readFileSync(corpusPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const scanner = createPhiScanner(PRACTICE);
// Warm up (dictionaries, JIT) outside the timing.
for (const r of records) scanner.scan(r.text, r.field);

let tp = 0;
let fn = 0;
let fp = 0;
let tn = 0;
const missed = [];
const falseAlarms = [];
const stats = {};
let totalMs = 0;
for (const r of records) {
  const field = r.field === 'variant' ? 'variant' : r.field;
  const t0 = performance.now();
  const matches = scanner.scan(r.text, field);
  totalMs += performance.now() - t0;
  if (r.label === 'phi') {
    if (matches.length > 0) tp++;
    else {
      fn++;
      missed.push(r.id);
    }
    scoreSpans(stats, r.spans, matches);
  } else if (matches.length > 0) {
    fp++;
    falseAlarms.push(`${r.id} (${[...new Set(matches.map((m) => m.type))].join(',')})`);
  } else tn++;
}
const recall = ratio(tp, tp + fn);
const precision = ratio(tp, tp + fp);
const f2 = precision + recall === 0 ? 0 : (5 * precision * recall) / (4 * precision + recall);
console.log(`PHI corpus: ${records.length} posts (${tp + fn} phi, ${fp + tn} clean) from ${corpusPath.replace(process.cwd() + '/', '')}`);
console.log(`  post recall           ${pct(tp, tp + fn)}  (${tp}/${tp + fn})`);
console.log(`  false-positive rate   ${pct(fp, fp + tn)}  (${fp}/${fp + tn})`);
console.log(`  precision             ${pct(tp, tp + fp)}`);
console.log(`  F2                    ${(100 * f2).toFixed(1).padStart(5)}%`);
console.log(`  scan time             ${(totalMs / Math.max(1, records.length)).toFixed(3)} ms/post`);
spanTable('Span recall by type (a gold span is found when a match of the same rule overlaps it):', stats);
console.log(`\nMissed phi posts (${missed.length}): ${missed.join(' ') || '-'}`);
console.log(`False alarms on clean posts (${falseAlarms.length}): ${falseAlarms.join(' ') || '-'}`);

// ---- presidio-research ---------------------------------------------------------------------
if (!args.includes('--no-presidio')) {
  const presidioPath = fileURLToPath(new URL('../../shared/data/presidio-research/synth_dataset_v2.json', import.meta.url));
  if (!existsSync(presidioPath)) {
    console.log(`\npresidio-research: skipped (${presidioPath} not found; ../shared is absent)`);
  } else {
    const MAP = {
      PERSON: 'name',
      STREET_ADDRESS: 'address',
      GPE: 'location',
      PHONE_NUMBER: 'phone',
      EMAIL_ADDRESS: 'email',
      US_SSN: 'ssn',
      IP_ADDRESS: 'ip',
      ZIP_CODE: 'zip',
      AGE: 'age',
      US_DRIVER_LICENSE: 'license',
      DATE_TIME: 'date',
    };
    const data = JSON.parse(readFileSync(presidioPath, 'utf8'));
    const pstats = {};
    let withGold = 0;
    let flaggedSentences = 0;
    let emptySentences = 0;
    let emptyFlagged = 0;
    let ms = 0;
    for (const d of data) {
      const gold = [];
      for (const s of d.spans ?? []) {
        const type = MAP[s.entity_type];
        if (!type) continue;
        if (type === 'age' && !(Number.parseInt(s.entity_value, 10) > 89)) continue;
        gold.push({ type, start: s.start_position, end: s.end_position });
      }
      const t0 = performance.now();
      const matches = scanner.scan(d.full_text, 'body');
      ms += performance.now() - t0;
      if (gold.length) {
        withGold++;
        if (matches.length) flaggedSentences++;
      }
      if ((d.spans ?? []).length === 0) {
        emptySentences++;
        if (matches.length) emptyFlagged++;
      }
      scoreSpans(pstats, gold, matches);
    }
    console.log(`\npresidio-research synth_dataset_v2: ${data.length} sentences, ${withGold} with mapped spans`);
    console.log(`  sentences with a mapped span that got any match: ${pct(flaggedSentences, withGold)}`);
    console.log(`  sentences with no span at all that got a match:  ${pct(emptyFlagged, emptySentences)} (${emptyFlagged}/${emptySentences})`);
    console.log(`  scan time ${(ms / Math.max(1, data.length)).toFixed(3)} ms/sentence`);
    spanTable('Span recall by mapped type (AGE only where > 89; no patient cue in this data):', pstats);
  }
}
