// `plan doctor` on the repository's example configuration, every network pointed at its strict fake.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctorCommand } from '../../src/cli/commands/doctor.js';
import { checkRecordHome, type CheckResult } from '../../src/publishing/doctor.js';
import { FRAGMENT } from '../../src/http/redact.js';
import { startFakeBluesky } from '../fakes/bluesky.js';
import { startFakeFacebook, type FakeFacebook } from '../fakes/facebook.js';
import { jpegBytes, startStaticServer, type StaticServer } from '../fakes/graph.js';
import { startFakeInstagram, type FakeInstagram } from '../fakes/instagram.js';
import { startFakeLinkedIn, type FakeLinkedIn } from '../fakes/linkedin.js';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon.js';
import type { FakeServer } from '../fakes/server.js';
import { startFakeX, type FakeX } from '../fakes/x.js';
import { runCommand } from '../helpers/command.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const NOW = new Date('2026-11-02T12:00:00Z');
const DAY = 86_400;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

const SECRETS = {
  PLAN_X_API_KEY: 'xk-Rt5Wq8Zp',
  PLAN_X_API_SECRET: 'xs-Ny3Kd7Lv',
  PLAN_X_ACCESS_TOKEN: 'xt-Bq2Mh9Jc',
  PLAN_X_ACCESS_SECRET: 'xa-Gf6Tw1Ps',
  PLAN_LINKEDIN_TOKEN: 'AQX-Lk4Vb8Yn',
  PLAN_LINKEDIN_CLIENT_ID: '86abcxyzclient',
  PLAN_LINKEDIN_CLIENT_SECRET: 'Wq7Zr2Tx9Kp',
  PLAN_FACEBOOK_PAGE_TOKEN: 'EAAJt3Hs8Qm',
  PLAN_INSTAGRAM_TOKEN: 'IGQVJm5Rk2Wd',
  PLAN_BLUESKY_APP_PASSWORD: 'k7qd-2mzx-r4tw-y9pb',
  PLAN_MASTODON_TOKEN: 'Mt0-Hv6Nc3Lr',
};

let root: string;
let x: FakeX;
let linkedin: FakeLinkedIn;
let facebook: FakeFacebook;
let instagram: FakeInstagram;
let bluesky: FakeServer;
let mastodon: FakeMastodon;
let media: StaticServer;

beforeAll(async () => {
  x = await startFakeX({ apiKey: SECRETS.PLAN_X_API_KEY, apiSecret: SECRETS.PLAN_X_API_SECRET, accessToken: SECRETS.PLAN_X_ACCESS_TOKEN, accessSecret: SECRETS.PLAN_X_ACCESS_SECRET });
  linkedin = await startFakeLinkedIn({
    token: SECRETS.PLAN_LINKEDIN_TOKEN,
    client: { id: SECRETS.PLAN_LINKEDIN_CLIENT_ID, secret: SECRETS.PLAN_LINKEDIN_CLIENT_SECRET },
    tokenExpiresAt: seconds(NOW) + 40 * DAY,
    now: () => NOW.getTime(),
  });
  // The Page token expired yesterday; the Instagram token is fine, but its data access ends in 10 days.
  facebook = await startFakeFacebook({ pageToken: SECRETS.PLAN_FACEBOOK_PAGE_TOKEN, now: () => NOW, token: { expiresAt: seconds(NOW) - DAY } });
  instagram = await startFakeInstagram({ token: SECRETS.PLAN_INSTAGRAM_TOKEN, now: () => NOW, tokenFacts: { expiresAt: 0, dataAccessExpiresAt: seconds(NOW) + 10 * DAY } });
  bluesky = await startFakeBluesky({ handle: 'cedarvalleyhealth.bsky.social', password: SECRETS.PLAN_BLUESKY_APP_PASSWORD });
  mastodon = await startFakeMastodon({ token: SECRETS.PLAN_MASTODON_TOKEN });

  root = await mkdtemp(path.join(os.tmpdir(), 'plan-doctor-'));
  await cp(path.join(REPO, 'plan.config.yaml'), path.join(root, 'plan.config.yaml'));
  await cp(path.join(REPO, 'plans'), path.join(root, 'plans'), { recursive: true });
  await mkdir(path.join(root, 'media/2026'), { recursive: true });
  const image = await readFile(path.join(REPO, 'media/2026/handwashing.jpg')).catch(() => jpegBytes(1200, 800));
  await writeFile(path.join(root, 'media/2026/handwashing.jpg'), image);
  media = await startStaticServer({ '/social/2026/handwashing.jpg': { body: image, contentType: 'image/jpeg' } });
  await writeFile(path.join(root, '.gitattributes'), '.plan/*.jsonl merge=union\n');

  // The example's accounts, each sent to its fake (api_url), and media_base_url to the static server.
  const networks = (await readFile(path.join(root, 'plans/networks.yaml'), 'utf8'))
    .replace(/^x:\n/m, `x:\n  api_url: ${x.url}\n`)
    .replace(/^linkedin:\n/m, `linkedin:\n  api_url: ${linkedin.url}\n`)
    .replace(/^facebook:\n/m, `facebook:\n  api_url: ${facebook.url}\n`)
    .replace(/^instagram:\n/m, `instagram:\n  api_url: ${instagram.url}\n`)
    .replace(/^bluesky:\n/m, `bluesky:\n  api_url: ${bluesky.url}\n`)
    .replace(/^mastodon:\n/m, `mastodon:\n  api_url: ${mastodon.url}\n`);
  expect(networks.match(/api_url: http:\/\/127\.0\.0\.1/g)).toHaveLength(6);
  await writeFile(path.join(root, 'plans/networks.yaml'), networks);
  const config = await readFile(path.join(root, 'plan.config.yaml'), 'utf8');
  await writeFile(path.join(root, 'plan.config.yaml'), config.replace(/^media_base_url: .*$/m, `media_base_url: ${media.url}social/`));
  // The practice's repository, with the remote a publish job keeps the record on.
  const remote = path.join(root, '.remote.git');
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote]);
  execFileSync('git', ['init', '--quiet', '-b', 'main'], { cwd: root });
  execFileSync('git', ['remote', 'add', 'origin', remote], { cwd: root });
  execFileSync('git', ['-c', 'user.name=Practice', '-c', 'user.email=lead@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'Set up'], { cwd: root });
});

afterAll(async () => {
  for (const server of [x, linkedin, facebook, instagram, bluesky, mastodon, media]) await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Every run without Mastodon's token: one credential missing. */
const env = (): NodeJS.ProcessEnv => {
  const { PLAN_MASTODON_TOKEN: _missing, ...rest } = SECRETS;
  return rest;
};

const doctor = (format: 'table' | 'json') => runCommand({ cwd: root, env: env(), now: NOW }, (context) => runDoctorCommand({ format }, context));

describe('plan doctor', () => {
  it('says which credential is missing and which token expired, and how to fix each; exit 1', async () => {
    const run = await doctor('table');
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    const line = (name: string) => lines.find((l) => l.includes(`  ${name}  `)) ?? '';
    const fixAfter = (name: string) => lines[lines.indexOf(line(name)) + 1] ?? '';

    expect(line('mastodon: credentials')).toMatch(/^ERROR .*PLAN_MASTODON_TOKEN is not set/);
    expect(fixAfter('mastodon: credentials')).toMatch(/→ add PLAN_MASTODON_TOKEN as a repository secret/);
    expect(line('facebook: token expiry')).toMatch(/^ERROR .*PLAN_FACEBOOK_PAGE_TOKEN expired on 2026-11-01/);
    expect(fixAfter('facebook: token expiry')).toMatch(/→ make a new Page access token .* update PLAN_FACEBOOK_PAGE_TOKEN/);
    expect(line('facebook: token accepted')).toMatch(/^ERROR .*Session has expired/);
    expect(line('instagram: data access')).toMatch(/^warning .*expires on 2026-11-12, in 10 days/);
    expect(line('instagram: token expiry')).toMatch(/^ok .*PLAN_INSTAGRAM_TOKEN does not expire/);
    expect(line('linkedin: token expiry')).toMatch(/^ok .*valid until 2026-12-12/);
    expect(line('linkedin: token accepted')).toMatch(/^ok .*“Cedar Valley Family Health”/);
    expect(line('x: credentials accepted')).toMatch(/^ok /);
    expect(line('bluesky: app password accepted')).toMatch(/^ok .*cedarvalleyhealth\.bsky\.social/);
    expect(line('media: reachable at media_base_url')).toMatch(/^ok .*media\/2026\/handwashing\.jpg .*image\/jpeg/);
    expect(line('publish record: the plan-record branch of origin')).toMatch(/^ok/);
    expect(line('.gitattributes: record merges by union')).toMatch(/^ok /);
    expect(lines.filter((l) => l.startsWith('ERROR'))).toHaveLength(3);
    expect(run.stdout).toMatch(/3 problems to fix before publishing works, 1 warning/);

    // Nothing was sent to Mastodon without its token, and nothing was published anywhere.
    expect(mastodon.requests).toEqual([]);
    expect([x.posts, linkedin.posts, facebook.posts, instagram.posts]).toEqual([[], [], [], []]);
    for (const fake of [x, linkedin, facebook, instagram, bluesky]) expect(fake.violations).toEqual([]);
  });

  it('prints no secret, nor six characters of one', async () => {
    const run = await doctor('table');
    const json = await doctor('json');
    for (const secret of Object.values(SECRETS)) {
      for (let at = 0; at + FRAGMENT <= secret.length; at++) {
        expect(run.stdout + json.stdout).not.toContain(secret.slice(at, at + FRAGMENT));
      }
    }
  });

  it('gives the same checks as JSON', async () => {
    const run = await doctor('json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { version: number; ok: boolean; checks: { name: string; status: string; message: string; fix?: string }[] };
    expect(report.version).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => c.status === 'error').map((c) => c.name)).toEqual(['facebook: token accepted', 'facebook: token expiry', 'mastodon: credentials']);
    expect(report.checks.find((c) => c.name === 'mastodon: credentials')!.fix).toContain('PLAN_MASTODON_TOKEN');
  });

  it('says which credentials a network refused, and that an expiry was not checked without the app', async () => {
    const { PLAN_LINKEDIN_CLIENT_ID: _id, PLAN_LINKEDIN_CLIENT_SECRET: _secret, ...rest } = SECRETS;
    const wrong = { ...rest, PLAN_BLUESKY_APP_PASSWORD: 'zzzz-2mzx-r4tw-y9pb', PLAN_MASTODON_TOKEN: 'Mt0-Wr0ngT0k3n' };
    const run = await runCommand({ cwd: root, env: wrong, now: NOW }, (context) => runDoctorCommand({ format: 'table' }, context));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR +bluesky: app password accepted +Bluesky refused the login of cedarvalleyhealth\.bsky\.social with PLAN_BLUESKY_APP_PASSWORD \(HTTP 401: AuthenticationRequired: Invalid identifier or password\)/);
    expect(run.stdout).toMatch(/→ create a new app password for cedarvalleyhealth\.bsky\.social .* update PLAN_BLUESKY_APP_PASSWORD/);
    expect(run.stdout).toMatch(/ERROR +mastodon: token accepted +Mastodon rejected PLAN_MASTODON_TOKEN .*HTTP 401: The access token is invalid/);
    expect(run.stdout).toMatch(/warning +linkedin: token expiry +not checked: .*\n +→ add PLAN_LINKEDIN_CLIENT_ID and PLAN_LINKEDIN_CLIENT_SECRET/);
    for (const secret of Object.values(wrong)) for (let at = 0; at + FRAGMENT <= secret.length; at++) expect(run.stdout).not.toContain(secret.slice(at, at + FRAGMENT));
  });

  it('refuses an endpoint that may not receive credentials, sends it nothing, and reports a missing .gitattributes line', async () => {
    const networks = await readFile(path.join(root, 'plans/networks.yaml'), 'utf8');
    const attributes = await readFile(path.join(root, '.gitattributes'), 'utf8');
    const calls = x.requests.length;
    try {
      await writeFile(path.join(root, 'plans/networks.yaml'), networks.replace(`api_url: ${x.url}`, 'api_url: https://gateway.example.org'));
      await writeFile(path.join(root, '.gitattributes'), '* text=auto\n');
      const run = await doctor('table');
      expect(run.stdout).toMatch(/ERROR +x: endpoint +.*gateway\.example\.org is not X's own API host.*PLAN_ALLOW_API_HOSTS/);
      expect(run.stdout).toMatch(/ERROR +\.gitattributes: record merges by union/);
      expect(run.stdout).toContain('→ add the line ".plan/*.jsonl merge=union" to .gitattributes');
      expect(x.requests).toHaveLength(calls);
    } finally {
      await writeFile(path.join(root, 'plans/networks.yaml'), networks);
      await writeFile(path.join(root, '.gitattributes'), attributes);
    }
  });
});

describe('plan doctor: where the publish record goes', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' });
  const recordLine = (results: CheckResult[]) => results.find((r) => r.name.startsWith('publish record'))!;
  const context = (cwd: string) => ({ root: cwd, project: {} as never, env: {}, http: {} as never, now: NOW });

  it('says a folder outside git, or a repository without origin, has nowhere to keep the record', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'plan-doctor-record-'));
    expect(recordLine(await checkRecordHome(context(folder)))).toMatchObject({ status: 'warning', message: expect.stringContaining('not a git repository') });
    git(folder, 'init', '--quiet', '-b', 'main');
    expect(recordLine(await checkRecordHome(context(folder)))).toMatchObject({ status: 'warning', fix: expect.stringContaining('git remote add origin') });
    git(folder, 'remote', 'add', 'origin', path.join(folder, 'no-such-remote.git'));
    expect(recordLine(await checkRecordHome(context(folder)))).toMatchObject({ status: 'error', message: 'origin could not be read' });
    await rm(folder, { recursive: true, force: true });
  });

  it('says a remote that takes pushes is ready, and whether the record is there yet', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'plan-doctor-record-'));
    const remote = path.join(folder, 'remote.git');
    const clone = path.join(folder, 'clone');
    git(folder, 'init', '--quiet', '--bare', '-b', 'main', remote);
    git(folder, 'clone', '--quiet', remote, clone);
    git(clone, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'start');
    git(clone, 'push', '--quiet', 'origin', 'main');
    expect(recordLine(await checkRecordHome(context(clone)))).toMatchObject({ status: 'ok', message: expect.stringContaining('the first publish run with --commit starts the record') });
    git(clone, 'push', '--quiet', 'origin', 'main:plan-record');
    expect(recordLine(await checkRecordHome(context(clone)))).toMatchObject({ status: 'ok', message: 'origin holds the record and can be pushed to' });
    expect(git(remote, 'branch', '--list').toString()).not.toContain('doctor');
    await rm(folder, { recursive: true, force: true });
  });
});
