import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { auditJson, makeRepo, removeTempRepos, runPlan, STACK_FRAME, type JsonFinding } from '../helpers/repo.js';
import { CACHE_FILE } from '../../src/loading/cache/parse-cache.js';

afterAll(removeTempRepos);

const EXAMPLE_REPO = fileURLToPath(new URL('../..', import.meta.url));
const INIT_FILES = [
  '.gitattributes',
  '.github/CODEOWNERS',
  '.github/ISSUE_TEMPLATE/new-post.yml',
  '.github/workflows/plan-calendar.yml',
  '.github/workflows/plan-insights.yml',
  '.github/workflows/plan-new-post.yml',
  '.github/workflows/plan-publish.yml',
  '.github/workflows/plan-review.yml',
  '.gitignore',
  'content/_template.md',
  'content/welcome.md',
  'package.json',
  'plan.config.yaml',
  'plans/audiences.yaml',
  'plans/networks.yaml',
  'plans/objectives.yaml',
];

/** Drafts may get info findings (a time outside the posting slots); they must get nothing worse. */
const errorsAndWarnings = (findings: JsonFinding[]) => findings.filter((f) => f.severity !== 'info');

function emptyDir() {
  return makeRepo({}, { config: null, plans: false });
}

describe('plan init', () => {
  it('creates a content repository that audits clean', async () => {
    const dir = emptyDir();
    const run = await runPlan(['init', 'practice'], { cwd: dir.root });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').filter((l) => l.startsWith('created '))).toEqual(INIT_FILES.map((f) => `created ${f}`));
    for (const file of INIT_FILES) expect(existsSync(path.join(dir.root, 'practice', file))).toBe(true);
    expect(existsSync(path.join(dir.root, 'practice/media'))).toBe(true);
    const audit = await auditJson({ ...dir, root: path.join(dir.root, 'practice') });
    expect(audit.posts).toBe(1);
    expect(audit.counts).toMatchObject({ error: 0, warning: 0 });
    expect(audit.run.code).toBe(0);
  });

  it('writes workflows for pull requests and for publishing in one concurrency group', () => {
    const dir = emptyDir();
    return runPlan(['init'], { cwd: dir.root }).then(() => {
      const review = parseYaml(readFileSync(path.join(dir.root, '.github/workflows/plan-review.yml'), 'utf8'));
      const publish = parseYaml(readFileSync(path.join(dir.root, '.github/workflows/plan-publish.yml'), 'utf8'));
      expect(Object.keys(review.on)).toEqual(['pull_request', 'pull_request_review']);
      expect(JSON.stringify(review.jobs)).toContain('plan audit');
      const steps = review.jobs.review.steps as { run?: string; uses?: string; with?: { path?: string } }[];
      const restore = steps.findIndex((step) => step.uses?.startsWith('actions/cache@') && step.with?.path === CACHE_FILE.split('/').slice(0, -1).join('/'));
      expect(restore).toBeGreaterThan(steps.findIndex((step) => step.run === 'npm ci'));
      expect(restore).toBeLessThan(steps.findIndex((step) => step.run?.includes('plan audit')));
      expect(Object.keys(publish.on)).toEqual(expect.arrayContaining(['push', 'schedule']));
      expect(publish.concurrency).toMatchObject({ group: expect.any(String), 'cancel-in-progress': false });
    });
  });

  it('never overwrites a file that is already there', async () => {
    const dir = emptyDir();
    dir.write('plan.config.yaml', 'practice:\n  name: Ours\n  timezone: America/Chicago\n');
    const run = await runPlan(['init'], { cwd: dir.root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('kept    plan.config.yaml (already there)\n');
    expect(readFileSync(path.join(dir.root, 'plan.config.yaml'), 'utf8')).toBe('practice:\n  name: Ours\n  timezone: America/Chicago\n');
    const again = await runPlan(['init'], { cwd: dir.root });
    expect(again.stdout).not.toContain('created ');
    expect(again.stdout.split('\n').filter((l) => l.startsWith('kept '))).toHaveLength(INIT_FILES.length);
  });
});

describe('plan new', () => {
  function initialised() {
    const dir = emptyDir();
    return runPlan(['init'], { cwd: dir.root }).then(() => dir);
  }

  it('creates a draft under content/YYYY/MM that audits clean', async () => {
    const dir = await initialised();
    const run = await runPlan(['new', 'flu-shots-2030', '--at', '2030-10-06 09:30', '--networks', 'Facebook,x', '--now', '2030-10-01T12:00:00Z'], { cwd: dir.root });
    expect(run).toEqual({
      code: 0,
      stdout:
        'created content/2030/10/flu-shots-2030.md\n' +
        '  objective community-health: no ready post has an objective in the 4 weeks to Sun Oct 6 yet: this is the one with the largest share (30%)\n' +
        '  audience not set: who it is for is yours to say: the file lists the segments of plans/audiences.yaml to pick from\n',
      stderr: '',
    });
    const text = readFileSync(path.join(dir.root, 'content/2030/10/flu-shots-2030.md'), 'utf8');
    expect(text).toMatch(/^---\ntitle: Flu shots 2030\npublish_at: 2030-10-06 09:30\nnetworks: \[facebook, x\]\n/);
    expect(text).toMatch(/\nstatus: draft\b/);
    const report = await auditJson(dir, ['content/2030/10/flu-shots-2030.md']);
    expect(errorsAndWarnings(report.findings)).toEqual([]);
    expect(report.run.code).toBe(0);
  });

  it('defaults to the next free posting slot on the enabled networks that need no image, says what it chose, and takes a date alone as 09:00', async () => {
    const dir = await initialised();
    // Wed Oct 2, 2030: the next slot of X (Mon 09:00, Thu 12:00) is Thursday noon.
    const run = await runPlan(['new', 'tips', '--now', '2030-10-02T15:00:00Z'], { cwd: dir.root });
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      'created content/2030/10/tips.md',
      '  publish_at 2030-10-03 12:00: the next posting slot (Thu 12:00, X) on a day with no post on these networks yet: Thu Oct 3, 12:00 pm',
      '  networks x, facebook: the networks plans/networks.yaml turns on that publish text without an image',
    ]);
    const text = readFileSync(path.join(dir.root, 'content/2030/10/tips.md'), 'utf8');
    expect(text).toMatch(/\npublish_at: 2030-10-03 12:00\nnetworks: \[x, facebook\]\n/);
    expect(text).not.toContain('audience: []');
    expect(text).toContain('\n# audience: [parents, seniors]   # who it is for: keep those that apply, then remove the "# "\n#   parents: Parents of young children; seniors: Adults 65 and older\n');
    // That day has a post now: the next one is the Monday slot.
    const next = await runPlan(['new', 'more-tips', '--now', '2030-10-02T15:00:00Z'], { cwd: dir.root });
    expect(next.stdout).toMatch(/^created content\/2030\/10\/more-tips\.md\n {2}publish_at 2030-10-07 09:00: /);
    await runPlan(['new', 'dated', '--at', '2030-10-06'], { cwd: dir.root });
    expect(readFileSync(path.join(dir.root, 'content/2030/10/dated.md'), 'utf8')).toContain('\npublish_at: 2030-10-06 09:00\n');
    const report = await auditJson(dir);
    expect(report.posts).toBe(4);
    expect(errorsAndWarnings(report.findings)).toEqual([]);
  });

  it('refuses a file that exists and leaves it as it was', async () => {
    const dir = await initialised();
    await runPlan(['new', 'flu', '--at', '2030-10-06 09:00'], { cwd: dir.root });
    dir.write('content/2030/10/flu.md', 'mine\n');
    const run = await runPlan(['new', 'flu', '--at', '2030-10-06 10:00'], { cwd: dir.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('plan: content/2030/10/flu.md already exists: choose another name\n');
    expect(readFileSync(path.join(dir.root, 'content/2030/10/flu.md'), 'utf8')).toBe('mine\n');
  });

  it.each([
    [['new', 'a', '--at', 'next tuesday'], /^plan: --at: "next tuesday" is not a date and time: write it as YYYY-MM-DD HH:MM/],
    [['new', 'a', '--at', '2030-02-30 09:00'], /^plan: --at: "2030-02-30 09:00" is not a date: February 2030 has 28 days\n$/],
    [['new', 'a', '--at', '2030-10-06 25:00'], /^plan: --at: "2030-10-06 25:00" is not a time of day/],
    [['new', 'Flu Shots'], /^plan: "Flu Shots" is not a usable file name: use lowercase letters, digits and hyphens/],
    [['new', '../escape'], /^plan: "\.\.\/escape" is not a usable file name/],
    [['new', 'a', '--networks', 'x,tiktok'], /^plan: --networks: tiktok is not turned on in plans\/networks\.yaml \(turned on: X, Facebook, Instagram\)\n$/],
    [['new', 'a', '--objective', 'fun'], /^plan: --objective: "fun" is not an objective in plans\/objectives\.yaml \(new-patients: Attract new patients; /],
    [['new'], /^plan: plan new needs a file name for the post, e\.g\. plan new flu-shots-2026 \(or --from-issue EVENT\.json\)\n$/],
  ])('exits 2 on %j', async (args, message) => {
    const dir = await initialised();
    const run = await runPlan(args, { cwd: dir.root });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(path.join(dir.root, 'content/2030'))).toBe(false);
  });

  it('exits 2 outside a content repository', async () => {
    const run = await runPlan(['new', 'flu'], { cwd: emptyDir().root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^plan: no plan\.config\.yaml in /);
  });
});

describe('plan schema', () => {
  const KINDS = ['post', 'config', 'networks', 'audiences', 'objectives', 'observances'] as const;

  function ajv(): Ajv {
    const instance = new Ajv({ allErrors: true, strict: true });
    instance.addFormat('uri', (text: string) => URL.canParse(text));
    instance.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
    return instance;
  }

  async function schemaOf(kind?: string): Promise<Record<string, unknown>> {
    const run = await runPlan(kind ? ['schema', kind] : ['schema'], { cwd: emptyDir().root });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as Record<string, unknown>;
  }

  it.each(KINDS)('prints a valid draft-07 JSON Schema for %s', async (kind) => {
    const schema = await schemaOf(kind);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toEqual(expect.any(String));
    const validator = ajv();
    expect(validator.validateSchema(schema), JSON.stringify(validator.errors)).toBe(true);
    expect(() => validator.compile(schema)).not.toThrow();
  });

  it('prints the post schema when no kind is named', async () => {
    expect(await schemaOf()).toEqual(await schemaOf('post'));
  });

  it('validates a good post and rejects a bad one, as plan audit does', async () => {
    const validate = ajv().compile(await schemaOf('post'));
    const good = {
      title: 'Flu shots are here',
      publish_at: '2026-10-06 09:00',
      networks: ['facebook', 'instagram', 'x'],
      audience: ['parents', 'seniors'],
      objective: 'community-health',
      status: 'ready',
      approved_by: 'Dr. Priya Natarajan',
      media: [{ file: 'media/2026/flu-clinic.jpg', alt: 'Nurse giving a flu shot' }],
      link: 'https://cedarvalleyhealth.com/flu',
      variants: { x: 'Flu shots are here! https://cedarvalleyhealth.com/flu' },
      expires: '2026-10-20 17:00',
      tags: ['flu', 'vaccines'],
      id: 'flu-shots-2026',
    };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    for (const bad of [
      { ...good, networks: ['tiktok'] },
      { ...good, networks: [] },
      { ...good, status: 'published' },
      { ...good, titel: 'typo' },
      { ...good, media: [{ alt: 'no file' }] },
      { ...good, variants: { myspace: 'hi' } },
      { publish_at: '2026-10-06 09:00', networks: ['x'] },
    ]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it("validates the example repository's own configuration and plans", async () => {
    const files = { config: 'plan.config.yaml', networks: 'plans/networks.yaml', audiences: 'plans/audiences.yaml', objectives: 'plans/objectives.yaml', observances: 'plans/observances.yaml' };
    for (const [kind, file] of Object.entries(files)) {
      const validate = ajv().compile(await schemaOf(kind));
      const data = parseYaml(readFileSync(path.join(EXAMPLE_REPO, file), 'utf8'));
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('exits 2 on an unknown kind', async () => {
    const run = await runPlan(['schema', 'posts'], { cwd: emptyDir().root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: command-argument value 'posts' is invalid for argument 'kind'/);
  });
});
