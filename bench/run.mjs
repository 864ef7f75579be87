// `npm run bench`: the figures of issue 7, each with its ratio, from one run on one machine.
// Usage: npm run bench [-- --quick] [-- --keep] [-- --budget SECONDS]
//   --quick   1,000 and 5,000 posts, fewer runs: a fast check (about a minute)
//   --keep    keep the generated repositories (printed) instead of deleting them
//   --budget  seconds the whole bench may take; repeated rounds stop when the next would not fit
//             (default 480 full, 90 quick; there is always at least one round)
// See bench/README.md for what each figure means and how to read the ratios.
// Worst-case texts (runs that once made scans quadratic) are measured on their own: node bench/hostile.mjs.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { changePosts, generate, gitRun, NOW } from './generate.mjs';
import { corpusTexts, measurePhi } from './phi.mjs';
import { measureStartup, median } from './startup.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const PLAN = path.join(REPO, 'bin/plan.js');
const MARKDOWNLINT = path.join(REPO, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const RSS_HOOK = pathToFileURL(path.join(REPO, 'bench/lib/maxrss.mjs')).href;
const CHANGED = 5;
const TARGETS = { markdownlint: 0.25, changed: 0.25, scale: 5.5, version: 1.5 };

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const keep = args.includes('--keep');
const budgetS = args.includes('--budget') ? Number(args[args.indexOf('--budget') + 1]) : quick ? 90 : 480;
const SMALL = quick ? 1_000 : 10_000;
const LARGE = quick ? 5_000 : 50_000;
const MAX_ROUNDS = quick ? 2 : 5;
const STARTUP_RUNS = quick ? 5 : 15;
const PHI_RUNS = quick ? 1 : 3;

const started = process.hrtime.bigint();
const elapsedS = () => Number(process.hrtime.bigint() - started) / 1e9;
const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtS = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const verdict = (value, target) => (value <= target ? `✔ within ≤ ${target}×` : `✘ over ≤ ${target}×`);
const log = (line = '') => process.stdout.write(`${line}\n`);
const progress = (line) => process.stderr.write(`  [${elapsedS().toFixed(0).padStart(3)} s] ${line}\n`);

if (!existsSync(path.join(REPO, 'dist/cli/index.js'))) throw new Error('dist/ is missing: run npm run build first (npm run bench does)');
if (!existsSync(MARKDOWNLINT)) throw new Error('markdownlint-cli2 is missing: run npm install');

// 1. The repositories, outside this one.
const work = mkdtempSync(path.join(os.tmpdir(), 'plan-bench-'));
const smallDir = path.join(work, `posts-${SMALL}`);
const largeDir = path.join(work, `posts-${LARGE}`);
mkdirSync(smallDir);
mkdirSync(largeDir);
const outDir = path.join(work, 'out');
mkdirSync(outDir);

try {
  progress(`generating ${fmtInt(SMALL)} posts (git repository) in ${smallDir}`);
  let t = process.hrtime.bigint();
  const small = generate({ posts: SMALL, seed: 7, dir: smallDir, git: true });
  const changedFiles = changePosts(smallDir, CHANGED);
  const smallGenMs = Number(process.hrtime.bigint() - t) / 1e6;
  progress(`generating ${fmtInt(LARGE)} posts in ${largeDir}`);
  t = process.hrtime.bigint();
  const large = generate({ posts: LARGE, seed: 7, dir: largeDir });
  const largeGenMs = Number(process.hrtime.bigint() - t) / 1e6;

  // 2. The measured commands: one child process each, peak RSS and CPU time recorded by the preload hook.
  const planArgs = (dir, extra = []) => [PLAN, 'audit', '-C', dir, '--format', 'json', '--now', NOW, ...extra];
  const commands = [
    { id: 'plan', label: `plan audit, ${fmtInt(SMALL)} posts`, cwd: smallDir, args: planArgs(smallDir) },
    { id: 'markdownlint', label: `markdownlint-cli2, same ${fmtInt(SMALL)} files`, cwd: smallDir, args: [MARKDOWNLINT, 'content/**/*.md'] },
    { id: 'changed', label: `plan audit --changed-since HEAD~1 (${CHANGED} changed)`, cwd: smallDir, args: planArgs(smallDir, ['--changed-since', 'HEAD~1']) },
    { id: 'large', label: `plan audit, ${fmtInt(LARGE)} posts`, cwd: largeDir, args: planArgs(largeDir) },
  ];
  const samples = Object.fromEntries(['prime', ...commands.map((c) => c.id)].map((id) => [id, []]));
  let runNo = 0;
  const runOnce = (command) => {
    const stem = path.join(outDir, `${command.id}-${++runNo}`);
    const out = openSync(`${stem}.out`, 'w');
    const err = openSync(`${stem}.err`, 'w');
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', RSS_HOOK, ...command.args], {
      cwd: command.cwd,
      stdio: ['ignore', out, err],
      env: { ...process.env, NO_COLOR: '1', PLAN_BENCH_RSS_FILE: `${stem}.rss` },
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    closeSync(out);
    closeSync(err);
    if (result.error) throw result.error;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${command.label} exited ${result.status}: ${readFileSync(`${stem}.err`, 'utf8').slice(0, 2000)}`);
    const usage = existsSync(`${stem}.rss`) ? JSON.parse(readFileSync(`${stem}.rss`, 'utf8')) : {};
    const sample = { wallMs, ...usage, stem };
    samples[command.id].push(sample);
    progress(`${command.label}: ${fmtS(wallMs)}, peak RSS ${usage.maxRssKb ? fmtMb(usage.maxRssKb) : '?'}`);
    return sample;
  };

  // Rounds run the commands once each, interleaved, so a noisy neighbour slows them all alike. The
  // first round runs all four; further rounds run while they fit in the budget (the start-up and PHI
  // parts are reserved for), each with the large audit only if that fits too.
  const reserveS = quick ? 15 : 75;
  const lastS = (id) => samples[id].at(-1).wallMs / 1000;
  let rounds = 0;
  while (rounds < MAX_ROUNDS) {
    const trioS = rounds === 0 ? 0 : lastS('plan') + lastS('markdownlint') + lastS('changed');
    if (rounds > 0 && elapsedS() + trioS + reserveS > budgetS) break;
    const withLarge = rounds === 0 || elapsedS() + trioS + lastS('large') + reserveS <= budgetS;
    for (const command of commands) if (command.id !== 'large' || withLarge) runOnce(command);
    rounds++;
  }

  // The same audits again with the cache filled (a node_modules folder turns it on), as a CI job that
  // restores the cache main's last run left: one unmeasured run fills it on the tree before the 5 edits
  // (HEAD~1), and every measured run starts from that cache, so the 5 edited posts are always checked afresh.
  mkdirSync(path.join(smallDir, 'node_modules'));
  progress('filling the cache on the tree before the edits (not measured)');
  gitRun(smallDir, ['checkout', '-q', 'HEAD~1', '--', 'content']);
  runOnce({ id: 'prime', label: 'plan audit, filling the cache', cwd: smallDir, args: planArgs(smallDir) });
  gitRun(smallDir, ['checkout', '-q', 'HEAD', '--', 'content']);
  const cacheDir = path.join(smallDir, 'node_modules', '.cache', 'plan');
  const primed = path.join(outDir, 'primed-cache');
  cpSync(cacheDir, primed, { recursive: true });
  const fromPrimedCache = (command) => {
    rmSync(cacheDir, { recursive: true, force: true });
    cpSync(primed, cacheDir, { recursive: true });
    runOnce(command);
  };
  const warm = [
    { id: 'planWarm', label: `plan audit, ${fmtInt(SMALL)} posts, cache filled`, cwd: smallDir, args: planArgs(smallDir) },
    { id: 'changedWarm', label: `plan audit --changed-since HEAD~1, cache filled`, cwd: smallDir, args: planArgs(smallDir, ['--changed-since', 'HEAD~1']) },
  ];
  for (const command of warm) samples[command.id] = [];
  for (let round = 0; round < Math.max(1, Math.min(rounds, quick ? 1 : 3)); round++) for (const command of warm) fromPrimedCache(command);

  // Sanity: what the audit found, and that --changed-since audited exactly the changed posts.
  const full = JSON.parse(readFileSync(`${samples.plan[0].stem}.out`, 'utf8'));
  const changed = JSON.parse(readFileSync(`${samples.changed[0].stem}.out`, 'utf8'));
  const largeReport = JSON.parse(readFileSync(`${samples.large[0].stem}.out`, 'utf8'));
  if (changed.posts !== changedFiles.length) throw new Error(`--changed-since audited ${changed.posts} posts, expected ${changedFiles.length}`);
  const sameReport = (a, b) => JSON.stringify(a.findings) === JSON.stringify(b.findings);
  const fullWarm = JSON.parse(readFileSync(`${samples.planWarm[0].stem}.out`, 'utf8'));
  const changedWarm = JSON.parse(readFileSync(`${samples.changedWarm[0].stem}.out`, 'utf8'));
  if (!sameReport(full, fullWarm) || !sameReport(changed, changedWarm)) throw new Error('an audit with the cache filled reported differently from one without it');
  // A post plan could not read (e.g. EMFILE: too many files open at once) is a schema/parse error, not
  // an audited post: a figure with such posts is not comparable, and says so.
  const unreadable = (report) => {
    const lost = report.findings.filter((f) => f.rule === 'schema/parse' && /could not be read/.test(f.message));
    const codes = [...new Set(lost.map((f) => f.message.match(/\(([A-Z]+)\)/)?.[1] ?? '?'))].join(', ');
    return { count: lost.length, codes };
  };
  const lostSmall = unreadable(full);
  const lostLarge = unreadable(largeReport);
  const byRule = new Map();
  for (const f of full.findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  const mdlOut = readFileSync(`${samples.markdownlint[0].stem}.out`, 'utf8');
  const mdlFiles = mdlOut.match(/^Linting: (\d+) file/m)?.[1] ?? '?';
  const mdlProblems = mdlOut.match(/^Summary: (\d+) error/m)?.[1] ?? '?';

  // 3. Start-up and PHI scanning.
  progress(`start-up: ${STARTUP_RUNS} interleaved runs of each command`);
  const startup = measureStartup({ runs: STARTUP_RUNS });
  progress('PHI scanning');
  const generatedBodies = postBodies(smallDir);
  const corpus = corpusTexts(SMALL).texts;
  const phiRuns = { generated: [], corpus: [] };
  for (let i = 0; i < PHI_RUNS; i++) {
    phiRuns.generated.push(measurePhi({ texts: generatedBodies }));
    phiRuns.corpus.push(measurePhi({ texts: corpus }));
  }
  // The run with the median scan time; its baseline ran in the same process just before it.
  const middleRun = (list) => [...list].sort((a, b) => a.scanMs - b.scanMs)[Math.floor(list.length / 2)];
  const phiGenerated = middleRun(phiRuns.generated);
  const phiCorpus = middleRun(phiRuns.corpus);

  // 4. The report.
  const m = (id, key = 'wallMs') => median(samples[id].map((s) => s[key]));
  const rss = (id) => Math.max(...samples[id].map((s) => s.maxRssKb ?? 0));
  const cpu = (id) => median(samples[id].map((s) => (s.userMs ?? 0) + (s.systemMs ?? 0)));
  const planMs = m('plan');
  const mdlRatio = planMs / m('markdownlint');
  const changedRatio = m('changed') / planMs;
  const warmRatio = m('planWarm') / m('markdownlint');
  const changedWarmRatio = m('changedWarm') / planMs;
  const scaleRatio = m('large') / planMs;
  const version = startup.rows.find((r) => r.name === 'plan --version');
  const example = startup.rows.find((r) => r.name.startsWith('plan audit'));
  const baseline = startup.rows.find((r) => r.name === 'node -e 0');

  log(`plan bench${quick ? ' --quick' : ''}: node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (at the end)`);
  const runs = Object.entries(samples).map(([id, list]) => `${id} ${list.length}`).join(', ');
  log(`${rounds} round${rounds === 1 ? '' : 's'} of the audit commands, interleaved (runs: ${runs}); times are medians, peak RSS the highest run.`);
  log('Machines are shared and noisy: compare the ratios of one run, not absolute times across runs.');
  log();
  log('repositories (generated, seed 7, --now ' + NOW + ')');
  log(`  ${fmtInt(SMALL).padStart(6)} posts  ${(small.bytes / 1e6).toFixed(1)} MB  ${small.first} .. ${small.last}  ${fmtInt(small.future)} to come  ${small.phi} with PHI  generated + git in ${fmtS(smallGenMs)}`);
  log(`  ${fmtInt(LARGE).padStart(6)} posts  ${(large.bytes / 1e6).toFixed(1)} MB  ${large.first} .. ${large.last}  ${fmtInt(large.future)} to come  ${large.phi} with PHI  generated in ${fmtS(largeGenMs)}`);
  log(`  findings on ${fmtInt(SMALL)} posts: ${full.counts.error} errors, ${full.counts.warning} warnings, ${full.counts.info} notes; ${fmtInt(LARGE)} posts: ${largeReport.counts.error} / ${largeReport.counts.warning} / ${largeReport.counts.info}`);
  log(`  by rule: ${[...byRule].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ')}`);
  log(`  markdownlint-cli2 linted ${mdlFiles} files (the posts and content/README.md): ${mdlProblems} problems`);
  log();
  const row = (label, value, ratio = '', target = '') => log(`  ${label.padEnd(46)} ${value.padEnd(42)} ${ratio.padEnd(26)} ${target}`);
  log(`  ${'figure'.padEnd(46)} ${'value'.padEnd(42)} ${'ratio'.padEnd(26)} target`);
  row(`plan audit, ${fmtInt(SMALL)} posts`, `${fmtS(planMs)}  ${fmtInt(SMALL / (planMs / 1000))} posts/s  CPU ${fmtS(cpu('plan'))}`, `peak RSS ${fmtMb(rss('plan'))}`);
  row(`markdownlint-cli2 0.22.1, same files`, `${fmtS(m('markdownlint'))}  ${fmtInt(SMALL / (m('markdownlint') / 1000))} files/s  CPU ${fmtS(cpu('markdownlint'))}`, `peak RSS ${fmtMb(rss('markdownlint'))}`);
  row('  plan / markdownlint', '', `${mdlRatio.toFixed(2)}× (RSS ${(rss('plan') / rss('markdownlint')).toFixed(2)}×)`, verdict(mdlRatio, TARGETS.markdownlint));
  row(`plan audit --changed-since, ${CHANGED} of ${fmtInt(SMALL)}`, `${fmtS(m('changed'))}  CPU ${fmtS(cpu('changed'))}  peak RSS ${fmtMb(rss('changed'))}`, `${changedRatio.toFixed(2)}× the full audit`, verdict(changedRatio, TARGETS.changed));
  row(`plan audit, ${fmtInt(SMALL)} posts, cache filled`, `${fmtS(m('planWarm'))}  CPU ${fmtS(cpu('planWarm'))}  peak RSS ${fmtMb(rss('planWarm'))}`, `${warmRatio.toFixed(2)}× markdownlint`, verdict(warmRatio, TARGETS.markdownlint));
  row(`plan audit --changed-since, cache filled`, `${fmtS(m('changedWarm'))}  CPU ${fmtS(cpu('changedWarm'))}  peak RSS ${fmtMb(rss('changedWarm'))}`, `${changedWarmRatio.toFixed(2)}× the full audit`, verdict(changedWarmRatio, TARGETS.changed));
  row(`plan audit, ${fmtInt(LARGE)} posts`, `${fmtS(m('large'))}  ${fmtInt(LARGE / (m('large') / 1000))} posts/s  peak RSS ${fmtMb(rss('large'))}`, `${scaleRatio.toFixed(2)}× ${fmtInt(SMALL)} posts`, lostLarge.count || lostSmall.count ? '✘ not comparable (see below)' : verdict(scaleRatio, LARGE / SMALL + 0.5));
  row(`start-up: node -e 0 (${startup.runs} runs)`, fmtS(baseline.ms), '1.00×');
  row('start-up: plan --version', fmtS(version.ms), `${version.ratio.toFixed(2)}× node -e 0`, verdict(version.ratio, TARGETS.version));
  row('start-up: plan audit, example repository', fmtS(example.ms), `${example.ratio.toFixed(2)}× node -e 0`);
  row(`PHI scan (${PHI_RUNS} run${PHI_RUNS === 1 ? '' : 's'}, median), ${fmtInt(SMALL)} post bodies`, `${fmtS(phiGenerated.scanMs)}  ${fmtInt(phiGenerated.postsPerSecond)} posts/s`, `${phiGenerated.ratio.toFixed(0)}× a phone+email regex`);
  row(`PHI scan, ${fmtInt(SMALL)} PHI corpus texts (cycled)`, `${fmtS(phiCorpus.scanMs)}  ${fmtInt(phiCorpus.postsPerSecond)} posts/s`, `${phiCorpus.ratio.toFixed(0)}× a phone+email regex`);
  for (const [size, lost] of [[SMALL, lostSmall], [LARGE, lostLarge]]) {
    if (lost.count) log(`  ✘ ${fmtInt(lost.count)} of ${fmtInt(size)} posts could not be read (${lost.codes}) and were not audited: the ${fmtInt(size)}-post figures cover only the rest`);
  }
  log();
  log(`bench took ${elapsedS().toFixed(0)} s${keep ? `; repositories kept in ${work}` : ''}`);
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}

/** The markdown body of every post under content/ (frontmatter left out). */
function postBodies(dir) {
  const bodies = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md') && entry.name !== 'README.md') {
        const text = readFileSync(full, 'utf8');
        const end = text.indexOf('\n---\n', 4);
        bodies.push(end === -1 ? text : text.slice(end + 5));
      }
    }
  };
  walk(path.join(dir, 'content'));
  return bodies.sort();
}
