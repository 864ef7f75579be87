// Summarises a .cpuprofile written by `node --cpu-prof`: the functions with the most self time,
// self time per source file, and total (inclusive) time of chosen functions.
// Usage: node bench/profile-top.mjs PROFILE [--top 15] [--total name1,name2,...]
import { readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const file = args[0];
const top = Number(args[args.indexOf('--top') + 1] || 15) || 15;
const totals = args.includes('--total') ? args[args.indexOf('--total') + 1].split(',') : [];
const profile = JSON.parse(readFileSync(file, 'utf8'));

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const all = [...self.values()].reduce((a, b) => a + b, 0);

const short = (url) => {
  if (!url) return '(native)';
  const p = url.replace(/^file:\/\//, '');
  const i = p.indexOf('/node_modules/');
  if (i >= 0) return p.slice(i + 1);
  const d = p.indexOf('/dist/');
  if (d >= 0) return p.slice(d + 1);
  return url.startsWith('node:') ? url : path.basename(p);
};
const clip = (name) => (name.length > 60 ? `${name.slice(0, 57)}...` : name);
const key = (cf) => `${clip(cf.functionName || '(anonymous)')}  ${short(cf.url)}:${cf.lineNumber + 1}`;

const byFunction = new Map();
const byFile = new Map();
for (const [id, us] of self) {
  const cf = nodes.get(id).callFrame;
  byFunction.set(key(cf), (byFunction.get(key(cf)) ?? 0) + us);
  const f = short(cf.url) === '(native)' ? `(${clip(cf.functionName || 'native')})` : short(cf.url);
  byFile.set(f, (byFile.get(f) ?? 0) + us);
}
const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / all).toFixed(1).padStart(5)}%`;
console.log(`profile ${path.basename(file)}: ${(all / 1e6).toFixed(2)} s sampled`);
console.log(`top ${top} functions by self time`);
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms(us)}  ${name}`);
console.log('self time by file');
for (const [name, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms(us)}  ${name}`);

// Phases and rules: each sample goes to the first phase function on its stack (from the root), and
// samples under runRules to the rule file runRules called.
const parentOf = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const PHASES = [
  ['read plans and config', ['loadProject']],
  ['read publish record', ['readLedger', 'publishedSet', 'publishedPosts']],
  ['list and read post files', ['listMarkdown', 'readRepoFile']],
  ['parse posts (frontmatter, YAML, zod)', ['parsePost']],
  ['media facts', ['attachMediaFacts', 'checkMediaFile']],
  ['git (changed-since)', ['changedSince']],
  ['rules', ['runRules']],
  ['output (json)', ['formatFindings']],
];
const phaseTime = new Map();
const ruleTime = new Map();
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  const stack = [];
  for (let n = id; n !== undefined; n = parentOf.get(n)) stack.push(nodes.get(n).callFrame);
  stack.reverse();
  let phase;
  for (const cf of stack) {
    phase = PHASES.find(([, names]) => names.includes(cf.functionName))?.[0];
    if (phase) break;
  }
  const leaf = stack.at(-1);
  if (!phase) {
    if (leaf.functionName === '(garbage collector)') phase = 'garbage collector';
    else if (stack.some((cf) => /node:internal\/modules|internal\/modules/.test(cf.url) || cf.functionName === 'compileSourceTextModule')) phase = 'module loading (start-up)';
    else if (leaf.functionName === '(idle)' || leaf.functionName === '(program)') phase = `${leaf.functionName}`;
    else phase = 'other';
  }
  phaseTime.set(phase, (phaseTime.get(phase) ?? 0) + us);
  const at = stack.findIndex((cf) => cf.functionName === 'runRules');
  if (at >= 0) {
    const rule = stack.slice(at + 1).find((cf) => /\/dist\/rules\/(?!engine)/.test(cf.url));
    const name = rule ? short(rule.url).replace(/^dist\/rules\//, '') : `(engine: ${stack[at + 1]?.functionName || 'self'})`;
    ruleTime.set(name, (ruleTime.get(name) ?? 0) + us);
  }
});
console.log('time by phase');
for (const [name, us] of [...phaseTime].sort((a, b) => b[1] - a[1])) console.log(`  ${ms(us)}  ${name}`);
console.log('rules: time under each rule file that runRules calls');
for (const [name, us] of [...ruleTime].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms(us)}  ${name}`);

if (totals.length) {
  // Inclusive time: a sample counts once for a function if the function is anywhere on its stack.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map(totals.map((t) => [t, 0]));
  profile.samples.forEach((id, i) => {
    const names = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) names.add(nodes.get(n).callFrame.functionName);
    for (const t of totals) if (names.has(t)) inclusive.set(t, inclusive.get(t) + (profile.timeDeltas[i] ?? 0));
  });
  console.log('total (inclusive) time');
  for (const [name, us] of inclusive) console.log(`  ${ms(us)}  ${name}`);
}
