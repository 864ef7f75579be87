#!/usr/bin/env node
// Trains the PHI model on the labelled training sets (test/fixtures/phi/train.jsonl, built from
// train/*.txt) and the project's corpus (corpus.jsonl), and writes its weights to data/phi/phi-model.bin.
// The independent set and the frozen held-out set are never read here.
//
//   npm run build && node scripts/train-phi.mjs           train on everything, write the weights
//   node scripts/train-phi.mjs --loso                     leave one training set out at a time: figures
//                                                         of the recognisers alone and weighed by a model
//                                                         that never saw the set (writes nothing)
//   node scripts/train-phi.mjs --loso --sweep             the same for a grid of decision thresholds
// Deterministic: the same data and code give the same weights.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (path) => new URL(`../dist/phi/${path}`, import.meta.url).href;
const { createAnalyser } = await import(dist('scanner.js'));
const { unitVectors, decide, POLICY } = await import(dist('weigh.js'));
const { train } = await import(dist('model/train.js'));
const { modelFromWeights, MODEL_FILE } = await import(dist('model/classifier.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
/** Feature blocks to use (see src/phi/model/features.ts); all by default. */
const BLOCKS = option('--blocks', 'WKSER').split('');
const FIXTURES = new URL('../test/fixtures/phi/', import.meta.url);
/** The example practice the labelled PHI sets are written for. */
const PRACTICE = JSON.parse(readFileSync(new URL('../test/fixtures/phi/practice.json', import.meta.url), 'utf8'));
/** Training options, chosen with --loso (see data/phi/README.md). */
const TRAINING = { alpha: Number(option('--alpha', 1)), beta: 1, l2: Number(option('--l2', 1)), epochs: Number(option('--epochs', 20)), seed: 7 };
/**
 * Train only on what the labels are sure of: units of clean posts, and units of PHI posts that hold a
 * labelled span (a PHI post's other sentences may tell the case without a span of their own).
 */
const SURE_ONLY = !args.includes('--all-units');

const read = (name) =>
  readFileSync(new URL(name, FIXTURES), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
/** The set a post belongs to: its writer's id prefix (rr-, st-…); the corpus is one set. */
const setOf = (record) => (/^(pos|neg)-/.test(record.id) ? 'corpus' : record.id.split('-')[0]);

const analyser = createAnalyser(PRACTICE, { currentYear: 2026 });
const records = [...read('train.jsonl'), ...read('corpus.jsonl')].map((record) => {
  const analysis = analyser.analyse(record.text, record.field);
  const { units, vectors } = unitVectors(analysis, analyser.practice, BLOCKS);
  const labels = units.map((u) => (record.spans.some((s) => s.start < u.end && s.end > u.start) ? 1 : 0));
  return { ...record, set: setOf(record), analysis, units, vectors, labels };
});

function trainOn(chosen) {
  const examples = [];
  const labels = [];
  for (const r of chosen) {
    r.vectors.forEach((v, i) => {
      if (SURE_ONLY && r.label === 'phi' && r.labels[i] === 0) return;
      examples.push(v);
      labels.push(r.labels[i]);
    });
  }
  return train(examples, labels, TRAINING);
}

function loso() {
  const sets = [...new Set(records.map((r) => r.set))].filter((s) => s !== 'corpus');
  const policies = args.includes('--sweep') ? grid() : [POLICY];
  const totals = new Map(policies.map((p) => [key(p), { tp: 0, fp: 0, pos: 0, neg: 0, folds: [] }]));
  const engine = { tp: 0, fp: 0, pos: 0, neg: 0, folds: [] };
  const scored = [];
  const alone = new Map([0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95].map((t) => [t, { tp: 0, fp: 0, pos: 0, neg: 0, folds: [] }]));
  for (const held of sets) {
    const model = modelFromWeights(trainOn(records.filter((r) => r.set !== held)));
    const fold = records.filter((r) => r.set === held).map((r) => ({ ...r, probability: r.vectors.map((v) => model.probability(v)) }));
    scored.push(...fold);
    tally(engine, held, fold, (r) => r.analysis.found.length > 0);
    for (const [t, totals] of alone) tally(totals, held, fold, (r) => r.probability.some((p) => p >= t));
    for (const policy of policies) tally(totals.get(key(policy)), held, fold, (r) => decide(r.analysis, r.units, r.probability, policy).length > 0);
  }
  console.log(`leave one set out: ${sets.join(', ')} (the corpus is always in training)\n`);
  if (args.includes('--errors')) showErrors(scored, Number(option('--errors', '0.85')));
  print('recognisers alone', engine);
  console.log(summary(scored));
  for (const [t, totals] of alone) print(`model alone at ${t}`, totals);
  if (!args.includes('--sweep')) {
    for (const [name, t] of totals) print(`weighed (${name})`, t);
    return;
  }
  for (const ceiling of [0.05, 0.08, 0.1, 0.12]) {
    const within = [...totals].filter(([, t]) => t.fp / t.neg <= ceiling).sort(([, a], [, b]) => b.tp - a.tp);
    console.log(`\nbest recall with a false-positive rate of at most ${100 * ceiling}%:`);
    for (const [name, t] of within.slice(0, 3)) print(`weighed (${name})`, t);
  }
}

/** The model alone over every held-out post: recall where the false-positive rate is 3% and 5%, and the area under the ROC curve. */
function summary(scored) {
  const score = (r) => Math.max(...r.probability);
  const clean = scored.filter((r) => r.label !== 'phi').map(score).sort((a, b) => b - a);
  const phi = scored.filter((r) => r.label === 'phi').map(score);
  const recallAt = (rate) => {
    const threshold = clean[Math.floor(rate * clean.length)];
    return pct(phi.filter((p) => p > threshold).length, phi.length);
  };
  let above = 0;
  for (const p of phi) for (const c of clean) above += p > c ? 1 : p === c ? 0.5 : 0;
  return `model alone: recall ${recallAt(0.03)} at 3% false positives, ${recallAt(0.05)} at 5%; AUC ${(above / (phi.length * clean.length)).toFixed(3)}`;
}

/** Prints the posts the model alone gets wrong at a threshold, with each unit's probability (training data only). */
function showErrors(scored, threshold) {
  for (const r of scored) {
    const hit = r.probability.some((p) => p >= threshold);
    if (hit === (r.label === 'phi')) continue;
    console.log(`${hit ? 'FALSE ALARM' : 'MISSED'} ${r.id} [${r.field}] engine: ${r.analysis.found.map((f) => f.type).join(',') || '-'}`);
    r.units.forEach((u, i) => console.log(`   ${r.probability[i].toFixed(2)} ${r.labels[i]} ${r.text.slice(u.start, u.end).replace(/\n/g, ' ').slice(0, 160)}`));
  }
}

function tally(t, set, fold, flagged) {
  const s = { set, tp: 0, fp: 0, pos: 0, neg: 0 };
  for (const r of fold) {
    const hit = flagged(r);
    if (r.label === 'phi') {
      s.pos++;
      if (hit) s.tp++;
    } else {
      s.neg++;
      if (hit) s.fp++;
    }
  }
  for (const k of ['tp', 'fp', 'pos', 'neg']) t[k] += s[k];
  t.folds.push(s);
}

const pct = (n, d) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
function f2(t) {
  const recall = t.tp / Math.max(1, t.pos);
  const precision = t.tp / Math.max(1, t.tp + t.fp);
  return (5 * precision * recall) / Math.max(1e-9, 4 * precision + recall);
}

function print(name, t) {
  console.log(`${name}: recall ${pct(t.tp, t.pos)}, false-positive rate ${pct(t.fp, t.neg)}, F2 ${(100 * f2(t)).toFixed(1)}%`);
  console.log(`   ${t.folds.map((s) => `${s.set} ${pct(s.tp, s.pos)}/${pct(s.fp, s.neg)}`).join('  ')}`);
}

function key(p) {
  return `strong ${p.keepStrong}, weak ${p.keepWeak}, add ${p.add}`;
}

function grid() {
  const out = [];
  const steps = [0.1, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95];
  for (const keepStrong of [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.01]) for (const keepWeak of steps) for (const add of steps) if (add >= keepWeak) out.push({ keepStrong, keepWeak, add });
  return out;
}

if (!args.includes('--loso')) {
  const weights = trainOn(records);
  const out = fileURLToPath(new URL(`../data/phi/${MODEL_FILE}`, import.meta.url));
  writeFileSync(out, Buffer.from(weights.buffer));
  const nonZero = weights.reduce((n, w) => n + (w !== 0 ? 1 : 0), 0);
  console.log(`trained on ${records.length} posts (${records.reduce((n, r) => n + r.units.length, 0)} units); ${nonZero} non-zero weights; wrote ${out}`);
} else {
  loso();
}
