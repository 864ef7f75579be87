// Generates a realistic content repository for the benchmark: plan.config.yaml and plans/ adapted
// from this repository's example, media copied from media/, N posts under content/ (four a day,
// the last ones about six months after NOW), a publish record (.plan/ledger.jsonl) for the posts
// already out, a small share of posts with PHI and with rule violations. Deterministic for a seed.
//
// Usage: node bench/generate.mjs --posts 10000 [--seed 7] [--out DIR] [--git]
//   (DIR defaults to a new folder under the system temp dir; never write into this repository)
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLOSERS, CTAS, IMAGES, PATIENT_FIRST, PATIENT_LAST, PHYSICIANS, SEASONS, SHORT_CTAS, STAFF, TOPICS } from './lib/corpus.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** The audit's --now: posts before this day are history (mostly in the publish record), later ones are to come. */
export const NOW = '2026-12-01T12:00:00Z';
const NOW_DAY = Date.UTC(2026, 11, 1);
const DAY_MS = 86_400_000;
/** Days of posts after NOW: the part of the calendar the plan rules look at. */
const FUTURE_DAYS = 182;
const POSTS_PER_DAY = 4;
const TIMES = ['09:00', '10:00', '12:00', '15:00'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Networks of the four posts of a day, one plan per day; each keeps every network within the
// max_per_day of plans/networks.yaml (X 2, Facebook 2, Instagram 1, LinkedIn 1, Bluesky 2, Mastodon 2).
const DAY_PLANS = [
  [['facebook', 'instagram', 'x', 'bluesky'], ['linkedin', 'facebook'], ['x', 'mastodon', 'bluesky'], ['mastodon']],
  [['instagram', 'facebook', 'mastodon'], ['linkedin'], ['x', 'bluesky', 'facebook'], ['x', 'bluesky', 'mastodon']],
  [['instagram', 'facebook'], ['linkedin', 'x', 'bluesky'], ['facebook', 'mastodon'], ['x', 'mastodon', 'bluesky']],
  [['instagram', 'x', 'mastodon'], ['linkedin', 'facebook'], ['facebook', 'bluesky'], ['x', 'bluesky', 'mastodon']],
];

// Audience segments no built-in reach figure warns about, per network (plans/audiences.yaml, min_reach 25).
const AUDIENCE_OK = {
  x: ['young-adults', 'parents'],
  instagram: ['young-adults', 'parents', 'low-income', 'professionals'],
  facebook: ['young-adults', 'parents', 'low-income', 'professionals', 'seniors'],
  linkedin: ['professionals', 'parents', 'young-adults'],
  bluesky: ['young-adults', 'parents', 'low-income', 'professionals', 'seniors'],
  mastodon: ['young-adults', 'parents', 'low-income', 'professionals', 'seniors'],
};
const OBJECTIVE_SHARES = [['new-patients', 20], ['satisfaction', 20], ['community-health', 30], ['education', 30]];

// Shares of posts that carry a problem on purpose (each drawn independently).
const RATES = {
  phi: 0.015,
  xTooLong: 0.004, noAlt: 0.004, lowercaseHashtag: 0.006, igTooManyHashtags: 0.002, healthClaim: 0.002,
  medicalAdvice: 0.002, noObjective: 0.003, hardToRead: 0.003, seniorsOnInstagram: 0.003, mediaMissing: 0.001,
  igNoMedia: 0.001, schemaTypo: 0.0005, offSlot: 0.02, noApproval: 0.01, unpublished: 0.001,
};

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, '0');
const ymd = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const longDay = (ms) => {
  const d = new Date(ms);
  return `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
};
const slugify = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
/** X and Mastodon count a link as 23 characters. */
const shortCount = (text) => text.replace(/https?:\/\/\S+/g, 'x'.repeat(23)).length;

/**
 * Writes the repository and returns what it holds. `git`: init a repository and commit everything
 * (for --changed-since).
 */
export function generate({ posts: total, seed = 7, dir, git = false }) {
  const rng = mulberry32(seed);
  const pick = (list) => list[Math.floor(rng() * list.length)];
  const chance = (p) => rng() < p;
  const sample = (list, k) => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, k);
  };
  const byShare = (entries) => {
    let r = rng() * entries.reduce((n, [, w]) => n + w, 0);
    for (const [value, weight] of entries) if ((r -= weight) < 0) return value;
    return entries.at(-1)[0];
  };

  writeProject(dir);
  const days = Math.ceil(total / POSTS_PER_DAY);
  const firstDay = NOW_DAY + (FUTURE_DAYS - days) * DAY_MS;
  const archiveBefore = new Date(NOW_DAY).getUTCFullYear() - 3;
  const seen = new Set();
  const usedPaths = new Set();
  const ledger = [];
  const stats = { posts: 0, future: 0, ready: 0, drafts: 0, phi: 0, violations: {}, repeatedTexts: 0, bytes: 0 };
  const count = (name) => (stats.violations[name] = (stats.violations[name] ?? 0) + 1);
  let dayPlan = DAY_PLANS[0];

  for (let i = 0; i < total; i++) {
    const dayMs = firstDay + Math.floor(i / POSTS_PER_DAY) * DAY_MS;
    const slot = i % POSTS_PER_DAY;
    if (slot === 0) dayPlan = pick(DAY_PLANS);
    const networks = [...dayPlan[slot]];
    const future = dayMs >= NOW_DAY;
    const date = new Date(dayMs);
    const month = date.getUTCMonth() + 1;
    const objective = byShare(OBJECTIVE_SHARES);
    const topic = pick(TOPICS.filter((t) => t.objective === objective));
    const flags = new Set(Object.entries(RATES).filter(([name, p]) => name !== 'phi' && chance(p)).map(([name]) => name));
    const phi = chance(RATES.phi) ? phiSentence(rng, pick, dayMs) : undefined;
    if (flags.has('seniorsOnInstagram') && !networks.includes('instagram')) networks.push('instagram');
    if (flags.has('igNoMedia') && !networks.includes('instagram')) networks.push('instagram');

    // Compose texts until each network's text is new (a few tries; repeats in the past are harmless).
    let texts;
    for (let attempt = 0; attempt < 12; attempt++) {
      texts = composeTexts({ rng, pick, chance, sample, topic, month, dayMs, networks, phi, flags });
      const keys = networks.map((n) => `${n}\n${(texts.variants[n] ?? texts.body).toLowerCase().replace(/\s+/g, ' ').trim()}`);
      if (keys.every((k) => !seen.has(k)) || attempt === 11) {
        if (keys.some((k) => seen.has(k))) stats.repeatedTexts++;
        keys.forEach((k) => seen.add(k));
        break;
      }
    }

    const draft = future ? chance(0.25) : chance(0.06);
    const ready = !draft;
    let time = TIMES[slot];
    if (flags.has('offSlot')) time = pick(['07:45', '08:30', '13:15', '16:40', '19:30']);
    const okAudience = networks.reduce((ok, n) => ok.filter((a) => AUDIENCE_OK[n].includes(a)), AUDIENCE_OK.facebook);
    const audience = flags.has('seniorsOnInstagram') ? ['seniors'] : sample(okAudience.length ? okAudience : ['parents'], chance(0.5) ? 2 : 1);
    const media = [];
    if (!flags.has('igNoMedia') && (networks.includes('instagram') || chance(0.6))) {
      const image = IMAGES[topic.image];
      media.push({ file: `media/library/${topic.image}`, ...(flags.has('noAlt') ? {} : { alt: image.alt }) });
      if (flags.has('mediaMissing')) media.push({ file: `media/${date.getUTCFullYear()}/event-photo.jpg`, alt: 'Our team at a community event' });
    }
    const title = phi ? `${pick(topic.titles)} (with a shout-out)` : pick(topic.titles);
    const fm = {
      title,
      publish_at: `${ymd(dayMs)} ${time}`,
      networks,
      audience,
      objective: flags.has('noObjective') ? undefined : topic.objective,
      status: ready ? 'ready' : 'draft',
      approved_by: ready && !(future && flags.has('noApproval')) ? pick(PHYSICIANS) : undefined,
      media: media.length ? media : undefined,
      link: topic.link,
      variants: Object.keys(texts.variants).length ? texts.variants : undefined,
      expires: texts.eventMs ? `${ymd(texts.eventMs)} 13:00` : undefined,
      tags: topic.tags,
    };
    const year = date.getUTCFullYear();
    const folder = year < archiveBefore ? `content/archive/${year}` : `content/${year}/${pad(month)}`;
    let file = `${folder}/${slugify(title)}-${pad(date.getUTCDate())}.md`;
    for (let n = 2; usedPaths.has(file); n++) file = `${folder}/${slugify(title)}-${pad(date.getUTCDate())}-${n}.md`;
    usedPaths.add(file);
    const text = serialise(fm, texts.body, flags.has('schemaTypo'));
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, file), text);

    stats.posts++;
    stats.bytes += Buffer.byteLength(text);
    if (future) stats.future++;
    if (ready) stats.ready++;
    else stats.drafts++;
    if (phi) stats.phi++;
    for (const flag of flags) count(flag);
    if (!future && ready && !flags.has('unpublished')) {
      const id = file.slice('content/'.length, -'.md'.length);
      const at = new Date(dayMs + (Number(time.slice(0, 2)) + 5) * 3_600_000 + Number(time.slice(3)) * 60_000).toISOString();
      for (const network of networks) {
        const print = `sha256:${createHash('sha256').update(texts.variants[network] ?? texts.body).digest('hex').slice(0, 32)}`;
        const remoteId = createHash('md5').update(`${network}:${id}`).digest('hex').slice(0, 16);
        ledger.push(JSON.stringify({ post: id, network, state: 'published', at, fingerprint: print, file, remoteId, url: `https://${network}.example/cedarvalleyhealth/${remoteId}` }));
      }
    }
  }
  mkdirSync(path.join(dir, '.plan'), { recursive: true });
  writeFileSync(path.join(dir, '.plan/ledger.jsonl'), ledger.length ? `${ledger.join('\n')}\n` : '');
  stats.first = ymd(firstDay);
  stats.last = ymd(firstDay + (days - 1) * DAY_MS);
  if (git) initGit(dir);
  return stats;
}

function composeTexts({ rng, pick, chance, sample, topic, month, dayMs, networks, phi, flags }) {
  let eventMs;
  const fill = (sentence) =>
    sentence.replace('{staff}', () => pick(STAFF)).replace('{event}', () => {
      eventMs ??= dayMs + (3 + Math.floor(rng() * 10)) * DAY_MS;
      return longDay(eventMs);
    });
  const lead = chance(0.2) ? `${pick(SEASONS[month])} ` : '';
  const opener = `${lead}${pick(topic.openers)}`;
  const facts = sample(topic.facts, 2 + Math.floor(rng() * 3)).map(fill);
  if (flags.has('healthClaim')) facts.push(pick(['This tea is a miracle cure for colds.', 'Our program is guaranteed to lower your blood pressure.', 'This shot is 100% effective.']));
  if (flags.has('medicalAdvice')) facts.push(pick(['If you feel fine, stop taking your blood pressure pills.', 'Double your dose when symptoms get worse.']));
  if (flags.has('hardToRead'))
    facts.push('Comprehensive cardiovascular risk stratification incorporates multifactorial determinants, including hypertension, dyslipidemia, tobacco exposure and hereditary predisposition, into individualized preventive recommendations.');
  if (phi) facts.splice(1, 0, phi);
  const cta = pick(CTAS);
  const closer = pick(CLOSERS);
  let hashtags = sample(topic.hashtags, 1 + Math.floor(rng() * topic.hashtags.length));
  if (flags.has('lowercaseHashtag')) hashtags = hashtags.map((h, i) => (i === 0 ? h.toLowerCase() : h));
  const tagLine = hashtags.map((h) => `#${h}`).join(' ');

  const style = rng();
  let middle;
  if (style < 0.55) middle = facts.length > 3 ? `${facts.slice(0, 2).join(' ')}\n\n${facts.slice(2).join(' ')}` : facts.join(' ');
  else if (style < 0.85) middle = facts.map((f) => `• ${f}`).join('\n');
  else middle = facts.map((f) => `- ${f}`).join('\n');
  const body = [opener, middle, closer ? `${cta} ${closer}` : cta, tagLine].join('\n\n');

  const variants = {};
  const short = (limit, counter, withLink) => {
    const chosen = [];
    const base = (list) => [opener, ...list, pick(SHORT_CTAS), withLink ? topic.link : '', `#${hashtags[0]}`].filter(Boolean).join(' ');
    for (const fact of facts) if (counter(base([...chosen, fact])) <= limit) chosen.push(fact);
    // PHI, claims and advice stay in the short text when they fit: the rules must see them there too.
    return base(chosen);
  };
  if (networks.includes('x')) variants.x = flags.has('xTooLong') ? `${opener} ${facts.join(' ')} ${cta} ${topic.link} ${tagLine}` : short(270, shortCount, true);
  if (networks.includes('bluesky')) variants.bluesky = short(290, (t) => [...t].length, true);
  if (networks.includes('mastodon') && shortCount(body) > 440) variants.mastodon = short(480, shortCount, true);
  if (networks.includes('instagram')) {
    let igTags = tagLine;
    if (flags.has('igTooManyHashtags')) igTags = [...hashtags, 'HealthTips', 'Wellness', 'Millbrook', 'FamilyHealth', 'CedarValley', 'StayWell'].map((h) => `#${h}`).join(' ');
    variants.instagram = [opener, middle, 'Details are at the link in our bio.', igTags].join('\n\n');
  }
  return { body, variants, eventMs };
}

/** A sentence with a patient's details, of the kinds the phi/* rules look for. */
function phiSentence(rng, pick, dayMs) {
  const first = pick(PATIENT_FIRST);
  const last = pick(PATIENT_LAST);
  const seen = new Date(dayMs - (2 + Math.floor(rng() * 20)) * DAY_MS);
  const kinds = [
    () => `Happy ${90 + Math.floor(rng() * 8)}th birthday to our patient ${first} ${last}!`,
    () => `Get well soon, ${first}! It was good to see you at your visit on ${MONTHS[seen.getUTCMonth()]} ${seen.getUTCDate()}.`,
    () => `Call ${first} at 614-555-01${String(Math.floor(rng() * 100)).padStart(2, '0')} to join.`,
    () => 'A patient came in last Tuesday with chest pain, and we caught a heart attack early.',
    () => `"Dr. Marcus Okafor saved my life," says ${first} ${last}.`,
    () => `Email ${first.toLowerCase()}.${last.toLowerCase()}@examplemail.com for a ride.`,
  ];
  return pick(kinds)();
}

function yamlList(items) {
  return `[${items.join(', ')}]`;
}

function serialise(fm, body, typo) {
  const lines = ['---', `title: ${JSON.stringify(fm.title)}`, `${typo ? 'publsh_at' : 'publish_at'}: ${fm.publish_at}`, `networks: ${yamlList(fm.networks)}`];
  if (fm.audience?.length) lines.push(`audience: ${yamlList(fm.audience)}`);
  if (fm.objective) lines.push(`objective: ${fm.objective}`);
  lines.push(`status: ${fm.status}`);
  if (fm.approved_by) lines.push(`approved_by: ${fm.approved_by}`);
  if (fm.media) {
    lines.push('media:');
    for (const item of fm.media) {
      lines.push(`  - file: ${item.file}`);
      if (item.alt) lines.push(`    alt: ${JSON.stringify(item.alt)}`);
    }
  }
  if (fm.link) lines.push(`link: ${fm.link}`);
  if (fm.variants) {
    lines.push('variants:');
    for (const [network, text] of Object.entries(fm.variants)) {
      lines.push(`  ${network}: |-`);
      for (const line of text.split('\n')) lines.push(line ? `    ${line}` : '');
    }
  }
  if (fm.expires) lines.push(`expires: ${fm.expires}`);
  if (fm.tags) lines.push(`tags: ${yamlList(fm.tags)}`);
  lines.push('---');
  return `${lines.join('\n')}\n${body}\n`;
}

/** plan.config.yaml and plans/ from this repository; networks get a slot at each posting time of every day. */
function writeProject(dir) {
  mkdirSync(path.join(dir, 'plans'), { recursive: true });
  mkdirSync(path.join(dir, 'media/library'), { recursive: true });
  mkdirSync(path.join(dir, 'content'), { recursive: true });
  copyFileSync(path.join(REPO, 'plan.config.yaml'), path.join(dir, 'plan.config.yaml'));
  for (const file of ['audiences.yaml', 'objectives.yaml', 'observances.yaml']) copyFileSync(path.join(REPO, 'plans', file), path.join(dir, 'plans', file));
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const slots = `[${days.flatMap((d) => TIMES.map((t) => `"${d} ${t}"`)).join(', ')}]`;
  const networks = readFileSync(path.join(REPO, 'plans/networks.yaml'), 'utf8').replace(/^( {2}slots:).*$/gm, `$1 ${slots}`);
  writeFileSync(path.join(dir, 'plans/networks.yaml'), networks.replace('# plans/networks.yaml: the accounts we post to.', '# plans/networks.yaml: the accounts we post to (benchmark copy: a slot at each posting time of every day).'));
  for (const [name, image] of Object.entries(IMAGES)) copyFileSync(path.join(REPO, image.from), path.join(dir, 'media/library', name));
  writeFileSync(path.join(dir, 'content/README.md'), '# Posts\n\nOne file per post, in a folder per year and month. Posts older than three years are in `archive/`.\n');
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
  // For the markdownlint-cli2 comparison: every markdownlint rule on, with its defaults.
  writeFileSync(path.join(dir, '.markdownlint-cli2.jsonc'), '// markdownlint-cli2 for the plan benchmark: all rules, default settings\n{ "config": { "default": true } }\n');
}

export function gitRun(dir, args) {
  return execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 }).toString();
}

function initGit(dir) {
  gitRun(dir, ['init', '-q', '-b', 'main']);
  gitRun(dir, ['add', '-A']);
  gitRun(dir, ['commit', '-q', '-m', 'Posts']);
}

/**
 * Changes `n` upcoming posts (a sentence added to the body) and commits them; returns their files.
 * The ref before the change is `HEAD~1`.
 */
export function changePosts(dir, n) {
  const files = gitRun(dir, ['ls-files', '-z', 'content/']).split('\0').filter((f) => /^content\/\d{4}\/\d{2}\//.test(f)).sort();
  const chosen = files.slice(-n * 40).filter((_, i) => i % 40 === 0).slice(0, n);
  for (const file of chosen) {
    const full = path.join(dir, file);
    writeFileSync(full, readFileSync(full, 'utf8').replace(/\n\n(#[A-Za-z])/, '\n\nUpdated: our hours changed this week. Call 844-466-7225 with questions.\n\n$1'));
  }
  gitRun(dir, ['add', '-A']);
  gitRun(dir, ['commit', '-q', '-m', `Edit ${n} posts`]);
  return chosen;
}

function parseArgs(argv) {
  const options = { posts: 10_000, seed: 7, git: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--posts') options.posts = Number(argv[++i]);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--out') options.dir = path.resolve(argv[++i]);
    else if (arg === '--git') options.git = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const options = parseArgs(process.argv.slice(2));
  options.dir ??= mkdtempSync(path.join(os.tmpdir(), 'plan-bench-'));
  if (path.resolve(options.dir).startsWith(REPO)) throw new Error('write the repository outside this one (default: the system temp dir)');
  mkdirSync(options.dir, { recursive: true });
  const started = Date.now();
  const stats = generate(options);
  console.log(JSON.stringify({ dir: options.dir, ms: Date.now() - started, now: NOW, ...stats }, null, 2));
}
