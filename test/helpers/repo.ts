import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI under test, found from this file so the tests run wherever the project is checked out. */
export const PLAN_BIN = fileURLToPath(new URL('../../bin/plan.js', import.meta.url));

export const MINIMAL_CONFIG = `practice:
  name: Test Family Practice
  timezone: America/New_York
`;

export const MINIMAL_PLANS: Record<string, string> = {
  'plans/networks.yaml': 'x: { account: "@testpractice" }\nfacebook: { page_id: "100000000000001" }\n',
  'plans/audiences.yaml': 'segments:\n  parents: { label: Parents of young children, age: "30-49" }\n  seniors: { label: Adults 65 and older, age: "65+" }\n',
  'plans/objectives.yaml': 'objectives:\n  education: { label: Patient education, share: 60 }\n  new-patients: { label: Attract new patients, share: 40 }\n',
};

let posts = 0;

/** A post that audits clean, with fields and body to taste; each gets its own body text so no two are duplicates. */
export function post(fields: Record<string, string> = {}, body = `Wash your hands for twenty seconds, tip ${++posts}.\n`): string {
  const all = { title: 'Handwashing basics', publish_at: '2030-01-07 09:00', networks: '[x]', objective: 'education', ...fields };
  const lines = Object.entries(all).map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

export type FileContent = string | Buffer | { symlink: string };

export interface RepoOptions {
  /** plan.config.yaml; `null` leaves it out. */
  config?: string | null;
  /** Write MINIMAL_PLANS (default true). */
  plans?: boolean;
  /** `git init` and commit every file on `main`. */
  git?: boolean;
}

export interface TempRepo {
  root: string;
  write(file: string, content: FileContent): void;
  remove(file: string): void;
  /** Runs git in the repository with a fixed identity and without the user's own git configuration. */
  git(...args: string[]): string;
  commit(message: string): void;
}

const created: string[] = [];

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_DATE: '2030-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2030-01-01T00:00:00Z',
};
const GIT_IDENTITY = ['-c', 'user.name=Plan Tests', '-c', 'user.email=tests@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];

/** A content repository in the system's temporary folder; `removeTempRepos` deletes every one made. */
export function makeRepo(files: Record<string, FileContent> = {}, options: RepoOptions = {}): TempRepo {
  const root = mkdtempSync(path.join(tmpdir(), 'plan-test-'));
  created.push(root);
  const repo: TempRepo = {
    root,
    write: (file, content) => writeFile(root, file, content),
    remove: (file) => rmSync(path.join(root, file), { force: true }),
    git: (...args) => execFileSync('git', [...GIT_IDENTITY, ...args], { cwd: root, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    commit: (message) => {
      repo.git('add', '-A');
      repo.git('commit', '--quiet', '--allow-empty', '-m', message);
    },
  };
  const config = options.config === undefined ? MINIMAL_CONFIG : options.config;
  const initial = { ...(config === null ? {} : { 'plan.config.yaml': config }), ...(options.plans === false ? {} : MINIMAL_PLANS), ...files };
  for (const [file, content] of Object.entries(initial)) repo.write(file, content);
  if (options.git) {
    repo.git('init', '--quiet');
    repo.commit('initial content');
  }
  return repo;
}

function writeFile(root: string, file: string, content: FileContent): void {
  const absolute = path.join(root, file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  rmSync(absolute, { force: true });
  if (typeof content === 'object' && 'symlink' in content) symlinkSync(content.symlink, absolute);
  else writeFileSync(absolute, content);
}

export function removeTempRepos(): void {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
}

export interface PlanRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Variables that change what plan prints; a test that wants one passes it in `env`. */
const DROPPED_ENV = ['CI', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'FORCE_COLOR', 'PLAN_DEBUG', 'GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'GITHUB_API_URL', 'GITHUB_EVENT_PATH', 'GITHUB_REF_NAME'];

export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of DROPPED_ENV) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Close the child's stdout as soon as it starts, as `plan audit | head -0` would. */
  closeStdout?: boolean;
}

/** Runs `node bin/plan.js ARGS` and collects what it printed. */
export function runPlan(args: string[], options: RunOptions): Promise<PlanRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PLAN_BIN, ...args], { cwd: options.cwd, env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if (options.closeStdout) child.stdout.destroy();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `plan audit --format json` and parses its report. */
export async function auditJson(repo: TempRepo, args: string[] = [], env?: Record<string, string | undefined>): Promise<AuditJson & { run: PlanRun }> {
  const run = await runPlan(['audit', '--format', 'json', '--now', FIXED_NOW, ...args], { cwd: repo.root, env });
  if (!run.stdout.trim()) throw new Error(`plan audit printed no report (exit ${run.code}): ${run.stderr}`);
  return { ...(JSON.parse(run.stdout) as AuditJson), run };
}

export const FIXED_NOW = '2029-12-01T12:00:00Z';

export interface JsonFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  network: string | null;
  message: string;
}

export interface AuditJson {
  version: number;
  posts: number;
  findings: JsonFinding[];
  counts: { error: number; warning: number; info: number };
}

/** What Node prints for an uncaught error: a frame of a stack trace. */
export const STACK_FRAME = /^\s+at /m;
