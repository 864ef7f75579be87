// A practice's repository as it lives on GitHub for the approval and issue tests: a bare repository (what
// GitHub holds), a strict fake of GitHub's API over it, a fake Mastodon to publish to, and people who
// write, open and review pull requests with their own git identities.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon.js';
import { startFakeGithub, type FakeGithub } from './fake-github.js';

export const TOKEN = 'ghs_fakeGithubTokenNeverPrinted0042';
export const MASTODON_TOKEN = 'mdt-Approvals7Qx';
export const OWNER = 'cedarvalley';
export const REPO = 'posts';

/** People by login, with the email their commits carry. */
export const PEOPLE = {
  alice: 'alice@cedarvalley.example',
  'dr-natarajan': 'priya@cedarvalley.example',
  bob: 'bob@cedarvalley.example',
  carol: 'carol@cedarvalley.example',
} as const;
export type Person = keyof typeof PEOPLE;

export const CONFIG = `practice:
  name: Cedar Valley Family Health
  timezone: America/New_York
approval:
  required: true
  reviewers: [dr-natarajan, "@cedarvalley/compliance"]
`;

export interface World {
  root: string;
  bare: string;
  github: FakeGithub;
  mastodon: FakeMastodon;
  /** The environment of a GitHub Actions job of this repository. */
  env: Record<string, string>;
  /** A fresh clone, as a job checks it out. */
  clone(): string;
  /** Commits files on a branch (made from main when new) as `author`, and pushes it. */
  commit(branch: string, files: Record<string, string | Buffer>, author: Person, message?: string): string;
  close(): Promise<void>;
}

const gitEnv = () => ({ PATH: process.env.PATH ?? '', HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' });

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'user.name=Practice Lead', '-c', 'user.email=lead@cedarvalley.example', ...args], { cwd, encoding: 'utf8', env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [file, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), body);
  }
}

/** The repository on GitHub with `files` on main, its API and a Mastodon account. */
export async function makeWorld(files: Record<string, string | Buffer>, options: { attachments?: Record<string, Buffer> } = {}): Promise<World> {
  const root = mkdtempSync(path.join(tmpdir(), 'plan-github-world-'));
  const bare = path.join(root, 'posts.git');
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', bare], { env: gitEnv() });
  const mastodon = await startFakeMastodon({ token: MASTODON_TOKEN });
  const seed = path.join(root, 'seed');
  mkdirSync(seed);
  writeFiles(seed, {
    'plan.config.yaml': CONFIG,
    'plans/networks.yaml': `mastodon: { instance: "${mastodon.url}", slots: ["Mon 09:00", "Wed 12:00"] }\n`,
    'plans/objectives.yaml': 'objectives:\n  education: { label: Patient education, share: 100 }\n',
    'plans/audiences.yaml': 'segments:\n  parents: { label: Parents of young children, age: "30-49" }\n',
    '.gitattributes': '.plan/*.jsonl merge=union\n',
    ...files,
  });
  git(seed, 'init', '--quiet', '-b', 'main');
  git(seed, 'add', '-A');
  git(seed, 'commit', '--quiet', '-m', 'The practice');
  git(seed, 'push', '--quiet', bare, 'main');
  const users = Object.fromEntries(Object.entries(PEOPLE).map(([login, email]) => [email, login]));
  const github = await startFakeGithub({ token: TOKEN, owner: OWNER, repo: REPO, bare, users, teams: { 'cedarvalley/compliance': ['carol'] }, ...(options.attachments ? { attachments: options.attachments } : {}) });
  const work = path.join(root, 'work');
  git(root, 'clone', '--quiet', bare, work);
  let clones = 0;
  return {
    root,
    bare,
    github,
    mastodon,
    env: {
      GITHUB_TOKEN: TOKEN,
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_API_URL: github.apiUrl,
      GITHUB_SERVER_URL: github.serverUrl,
      GITHUB_REF_NAME: 'main',
      PLAN_MASTODON_TOKEN: MASTODON_TOKEN,
      PLAN_RETRY_DELAY_MS: '0',
    },
    clone() {
      const dir = path.join(root, `job-${++clones}`);
      git(root, 'clone', '--quiet', bare, dir);
      return dir;
    },
    commit(branch, changes, author, message = `Write ${Object.keys(changes).join(', ')}`) {
      git(work, 'fetch', '--quiet', 'origin');
      const exists = git(work, 'ls-remote', '--heads', 'origin', branch).trim() !== '';
      git(work, 'checkout', '--quiet', '-B', branch, exists ? `origin/${branch}` : 'origin/main');
      writeFiles(work, changes);
      git(work, 'add', '-A');
      execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', `user.name=${author}`, '-c', `user.email=${PEOPLE[author]}`, 'commit', '--quiet', '-m', message], { cwd: work, env: gitEnv() });
      git(work, 'push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`);
      return git(work, 'rev-parse', 'HEAD').trim();
    },
    async close() {
      await github.close();
      await mastodon.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
