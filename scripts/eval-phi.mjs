#!/usr/bin/env node
// Evaluates the compiled PHI engine (dist/phi) on the labeled corpus and on presidio-research.
// Usage: npm run build && node scripts/eval-phi.mjs [--corpus FILE] [--no-presidio]
// Without --corpus: the corpus, the frozen held-out set and the independent set, weighed and with the
// recognisers alone, and the independent set's recorded first run. Leaving one training set out is
// measured by `node scripts/train-phi.mjs --loso`.
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

/** The example practice the labelled PHI sets are written for. */
const PRACTICE = JSON.parse(readFileSync(new URL('../test/fixtures/phi/practice.json', import.meta.url), 'utf8'));

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

// ---- Labelled sets ------------------------------------------------------------------------
const fixture = (name) => fileURLToPath(new URL(`../test/fixtures/phi/${name}`, import.meta.url));
const SETS = opt('--corpus')
  ? [{ name: opt('--corpus').replace(process.cwd() + '/', ''), path: opt('--corpus') }]
  : [
      { name: 'corpus (in training)', path: fixture('corpus.jsonl') },
      { name: 'frozen held-out', path: fixture('heldout.jsonl') },
      { name: 'independent (blind)', path: fixture('independent.jsonl') },
    ];
const weighed = createPhiScanner(PRACTICE);
const recognisersAlone = createPhiScanner(PRACTICE, { model: null });

function readSet(path) {
  if (!existsSync(path)) {
    console.error(`eval-phi: no labelled set at ${path}; run "node test/fixtures/phi/build.mjs" first`);
    process.exit(2);
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

function evaluate(records, scanner) {
  for (const r of records) scanner.scan(r.text, r.field); // dictionaries and JIT outside the timing
  const t = { tp: 0, fn: 0, fp: 0, tn: 0, missed: [], falseAlarms: [], spans: {}, ms: 0, posts: records.length };
  for (const r of records) {
    const t0 = performance.now();
    const matches = scanner.scan(r.text, r.field);
    t.ms += performance.now() - t0;
    if (r.label === 'phi') {
      if (matches.length > 0) t.tp++;
      else {
        t.fn++;
        t.missed.push(r.id);
      }
      scoreSpans(t.spans, r.spans, matches);
    } else if (matches.length > 0) {
      t.fp++;
      t.falseAlarms.push(`${r.id} (${[...new Set(matches.map((m) => m.type))].join(',')})`);
    } else t.tn++;
  }
  return t;
}

function row(name, t) {
  const recall = ratio(t.tp, t.tp + t.fn);
  const precision = ratio(t.tp, t.tp + t.fp);
  const f2 = precision + recall === 0 ? 0 : (5 * precision * recall) / (4 * precision + recall);
  const spans = Object.values(t.spans).reduce((a, s) => ({ found: a.found + s.found, gold: a.gold + s.gold }), { found: 0, gold: 0 });
  return `| ${name} | ${t.posts} | ${pct(t.tp, t.tp + t.fn)} (${t.tp}/${t.tp + t.fn}) | ${pct(t.fp, t.fp + t.tn)} (${t.fp}/${t.fp + t.tn}) | ${pct(t.tp, t.tp + t.fp)} | ${(100 * f2).toFixed(1)}% | ${pct(spans.found, spans.gold)} | ${(t.ms / Math.max(1, t.posts)).toFixed(2)} |`;
}

/** The independent set's first run, recorded in its README before any change was made with it in view. */
function firstRun() {
  const readme = fixture('independent/README.md');
  if (!existsSync(readme)) return undefined;
  const cells = readFileSync(readme, 'utf8').match(/^\| (\d[^|]*)\| ([^|]*)\| ([^|]*)\| ([^|]*)\|$/m);
  return cells ? `| independent, first run (recorded) | 340 | ${cells[1].trim()} | ${cells[2].trim()} | ${cells[3].trim()} | ${cells[4].trim()} | | |` : undefined;
}

const results = SETS.map((set) => {
  const records = readSet(set.path);
  return { ...set, weighed: evaluate(records, weighed), alone: evaluate(records, recognisersAlone) };
});
console.log('Posts: a phi post is found when anything is reported in it; a clean post is a false alarm when anything is.\n');
console.log('| set | posts | post recall | false-positive rate | precision | F2 | span recall | ms/post |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) console.log(row(r.name, r.weighed));
for (const r of results) console.log(row(`${r.name}, recognisers alone`, r.alone));
if (!opt('--corpus')) console.log(firstRun() ?? '| independent, first run | (not recorded) |');
for (const r of results) {
  spanTable(`${r.name}: span recall by type (a gold span is found when a match of the same rule overlaps it)`, r.weighed.spans);
  console.log(`  missed phi posts (${r.weighed.missed.length}): ${r.weighed.missed.join(' ') || '-'}`);
  console.log(`  false alarms on clean posts (${r.weighed.falseAlarms.length}): ${r.weighed.falseAlarms.join(' ') || '-'}`);
}

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
