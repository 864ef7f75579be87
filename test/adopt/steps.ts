// A small runner for the GitHub workflows plan init writes: a job's steps in order, as a runner would
// run them, against a local bare repository standing in for GitHub. `actions/checkout` is a clone,
// the setup and cache actions are emulated (setup-node's npm cache is a folder kept between jobs), and
// every `run:` step runs in bash with the environment the workflow gives it. An expression, condition or
// action it does not know fails the run: a new workflow must be taught to it, not silently half-run.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  'working-directory'?: string;
}

export interface Job {
  needs?: string | string[];
  env?: Record<string, string>;
  'timeout-minutes'?: number;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, Job>;
}

export function readWorkflow(file: string): Workflow {
  return parseYaml(readFileSync(file, 'utf8')) as Workflow;
}

/** What the jobs of one test share: GitHub (a bare repository), the machine, the caches kept between runs. */
export interface Runner {
  /** The bare repository jobs clone and push to. */
  remote: string;
  /** The machine's environment (PATH, HOME, npm's configuration). */
  machineEnv: Record<string, string>;
  secrets: Record<string, string>;
  /** Where setup-node's `cache: npm` keeps npm's downloads between jobs. */
  npmCache: string;
  /** Where actions/cache keeps saved folders, one per key. */
  actionsCache: string;
  /** Composite actions by name (owner/repo), each the folder of its action.yml, as GitHub downloads them. */
  actions: Record<string, string>;
}

export interface Trigger {
  event: 'push' | 'pull_request' | 'schedule' | 'workflow_dispatch';
  /** The branch checked out: main, or a pull request's head branch. */
  ref: string;
  /** The pull request, for pull_request. */
  pullRequest?: { number: number; base: string };
}

export interface StepRun {
  name: string;
  how: 'ran' | 'emulated' | 'skipped';
  code: number;
  ms: number;
  output: string;
}

export interface JobRun {
  ok: boolean;
  ms: number;
  steps: StepRun[];
  workspace: string;
  /** What the steps wrote to $GITHUB_STEP_SUMMARY. */
  summary: string;
}

const REPOSITORY = 'example-practice/posts';

const folders: string[] = [];

function tempFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** Removes every workspace, cache and runner folder made so far. */
export async function removeRunnerFolders(): Promise<void> {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
}

export function makeRunner(remote: string, machineEnv: Record<string, string>, secrets: Record<string, string> = {}, actions: Record<string, string> = {}): Runner {
  const home = tempFolder('plan-runner-');
  mkdirSync(path.join(home, 'npm-cache'));
  mkdirSync(path.join(home, 'actions-cache'));
  return { remote, machineEnv, secrets, actions, npmCache: path.join(home, 'npm-cache'), actionsCache: path.join(home, 'actions-cache') };
}

/** Runs one job of a workflow as GitHub would on `trigger`, in a fresh workspace. */
export async function runJob(workflow: Workflow, jobId: string, trigger: Trigger, runner: Runner): Promise<JobRun> {
  const job = workflow.jobs[jobId];
  if (!job) throw new Error(`the workflow "${workflow.name}" has no job ${jobId}`);
  const temp = tempFolder('plan-job-');
  const workspace = path.join(temp, 'workspace');
  const summaryFile = path.join(temp, 'step-summary.md');
  const envFile = path.join(temp, 'github-env');
  writeFileSync(summaryFile, '');
  writeFileSync(envFile, '');
  const runId = String(Date.now());
  const github = githubContext(trigger, runId);
  const eventFile = path.join(temp, 'event.json');
  writeFileSync(eventFile, JSON.stringify(github.event));
  const defaults: Record<string, string> = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_EVENT_NAME: trigger.event,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_REF: `refs/heads/${trigger.ref}`,
    GITHUB_RUN_ID: runId,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ENV: envFile,
    RUNNER_TEMP: temp,
    ...(trigger.pullRequest ? { GITHUB_BASE_REF: trigger.pullRequest.base, GITHUB_HEAD_REF: trigger.ref } : {}),
  };
  const context: Context = { github, secrets: runner.secrets, outputs: {}, workspace, runnerTemp: temp };
  const steps: StepRun[] = [];
  const saves: (() => void)[] = [];
  let failed = false;
  const started = Date.now();
  const base = () => ({ ...runner.machineEnv, ...defaults, ...readEnvFile(envFile), ...substituteAll(workflow.env, context), ...substituteAll(job.env, context) });
  for (const [index, step] of job.steps.entries()) {
    const run = await runStep(step, index, failed, { workspace, trigger, runner, saves, context, baseEnv: base });
    steps.push(run);
    if (run.code !== 0) failed = true;
  }
  if (!failed) for (const save of saves) save();
  return { ok: !failed, ms: Date.now() - started, steps, workspace, summary: readFileSync(summaryFile, 'utf8') };
}

interface StepScope {
  workspace: string;
  trigger: Trigger;
  runner: Runner;
  saves: (() => void)[];
  context: Context;
  /** The environment every step starts from (read anew: a step may have added to $GITHUB_ENV). */
  baseEnv: () => Record<string, string>;
}

/** One step, `run:` or `uses:`, with its condition, its environment and its outputs (kept under its id). */
async function runStep(step: Step, index: number, failed: boolean, scope: StepScope): Promise<StepRun> {
  const { context } = scope;
  const name = step.name ? substitute(step.name, context) : (step.uses ?? step.run?.split('\n')[0] ?? `step ${index + 1}`);
  if (!shouldRun(step.if, failed, context)) return { name, how: 'skipped', code: 0, ms: 0, output: `skipped: its condition (${step.if ?? 'success()'}) is false` };
  const started = Date.now();
  const outputFile = path.join(context.runnerTemp, `output-${Date.now()}-${index}`);
  writeFileSync(outputFile, '');
  const env = { ...scope.baseEnv(), ...substituteAll(step.env, context), GITHUB_OUTPUT: outputFile, ...(context.actionPath ? { GITHUB_ACTION_PATH: context.actionPath } : {}) };
  const result: Emulated = step.uses
    ? await emulate(step, { ...scope, env })
    : await runScript(step.run ?? '', path.resolve(scope.workspace, substitute(step['working-directory'] ?? '', context)), env, context.runnerTemp, context);
  if (step.id) context.outputs[step.id] = { ...readEnvFile(outputFile), ...(result.outputs ?? {}) };
  return { name, how: result.how, code: result.code, output: result.output, ms: Date.now() - started };
}

function githubContext(trigger: Trigger, runId: string) {
  const event = trigger.pullRequest
    ? { number: trigger.pullRequest.number, pull_request: { number: trigger.pullRequest.number, base: { ref: trigger.pullRequest.base }, head: { ref: trigger.ref } } }
    : { ref: `refs/heads/${trigger.ref}` };
  return { event, event_name: trigger.event, run_id: runId, repository: REPOSITORY, ref: `refs/heads/${trigger.ref}`, ...(trigger.pullRequest ? { base_ref: trigger.pullRequest.base, head_ref: trigger.ref } : {}) };
}

function shouldRun(condition: string | undefined, failed: boolean, context: Context): boolean {
  const text = condition?.replace(/^\$\{\{\s*|\s*\}\}$/g, '').trim();
  if (text === undefined || text === 'success()') return !failed;
  if (text === 'always()') return true;
  if (text === 'failure()') return failed;
  const comparison = /^(\S+) (==|!=) '([^']*)'$/.exec(text);
  if (comparison) return !failed && (evaluate(comparison[1]!, context) === comparison[3]) === (comparison[2] === '==');
  throw new Error(`the step runner does not know the condition "${condition}": teach it`);
}

interface Context {
  github: ReturnType<typeof githubContext>;
  secrets: Record<string, string>;
  /** The outputs of the steps so far, by step id. */
  outputs: Record<string, Record<string, string>>;
  workspace: string;
  runnerTemp: string;
  /** Inside a composite action: its inputs and its folder. */
  inputs?: Record<string, string>;
  actionPath?: string;
}

/** Replaces every `${{ … }}` the runner knows; any other expression is an error. */
export function substitute(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => evaluate(expression, context));
}

function evaluate(expression: string, context: Context): string {
  // `a || b`: the first that is not empty, as GitHub's expressions give it.
  if (expression.includes('||')) return expression.split('||').map((part) => evaluate(part.trim(), context)).find((value) => value !== '') ?? '';
  const secret = /^secrets\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
  if (secret) return context.secrets[secret[1]!] ?? '';
  if (expression === 'runner.os') return 'Linux';
  if (expression === 'runner.temp') return context.runnerTemp;
  if (expression === 'github.token') return context.secrets.GITHUB_TOKEN ?? '';
  if (expression === 'github.action_path' && context.actionPath) return context.actionPath;
  const input = /^inputs\.([A-Za-z0-9_-]+)$/.exec(expression);
  if (input && context.inputs) {
    if (!(input[1]! in context.inputs)) throw new Error(`the action has no input ${input[1]}`);
    return context.inputs[input[1]!]!;
  }
  const output = /^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)$/.exec(expression);
  if (output) return context.outputs[output[1]!]?.[output[2]!] ?? '';
  const hash = /^hashFiles\((.*)\)$/.exec(expression);
  if (hash) return hashFiles(hash[1]!.split(',').map((part) => part.trim().replace(/^'|'$/g, '')), context.workspace);
  if (/^github(\.[A-Za-z_]+)+$/.test(expression)) {
    const value = expression.split('.').slice(1).reduce<unknown>((object, key) => (object as Record<string, unknown> | undefined)?.[key], context.github);
    if (value === undefined) throw new Error(`the step runner has no value for ${expression}: teach it`);
    return String(value);
  }
  throw new Error(`the step runner does not know the expression "${expression}": teach it`);
}

/** As GitHub's hashFiles: a SHA-256 over the files' own hashes, empty when none is there (names, or **\/NAME anywhere outside node_modules). */
function hashFiles(patterns: string[], workspace: string): string {
  const present = patterns.flatMap((pattern) => (pattern.startsWith('**/') ? findNamed(workspace, pattern.slice(3)) : [path.join(workspace, pattern)].filter((file) => existsSync(file))));
  if (present.length === 0) return '';
  const all = createHash('sha256');
  for (const file of present.sort()) all.update(createHash('sha256').update(readFileSync(file)).digest());
  return all.digest('hex');
}

function findNamed(folder: string, name: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === '.git' ? [] : findNamed(path.join(folder, entry.name), name);
    return entry.name === name ? [path.join(folder, entry.name)] : [];
  });
}

function substituteAll(values: Record<string, string | number | boolean> | undefined, context: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, substitute(String(value), context)]));
}

function readEnvFile(file: string): Record<string, string> {
  const pairs = readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('='));
  return Object.fromEntries(pairs.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/** A run step as GitHub's ubuntu runners run it: `bash --noprofile --norc -eo pipefail {0}`. */
async function runScript(script: string, cwd: string, env: Record<string, string>, temp: string, context: Context): Promise<Omit<StepRun, 'name' | 'ms'>> {
  const file = path.join(temp, `step-${Date.now()}-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, substitute(script, context));
  const { code, output } = await spawnCollect('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], { cwd, env });
  return { how: 'ran', code, output };
}

/** A step that runs longer is stopped with what it printed so far: a hung step fails the test with its output. */
const STEP_LIMIT_MS = 150_000;

export function spawnCollect(command: string, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const limit = setTimeout(() => {
      output += `\n[stopped after ${STEP_LIMIT_MS / 1000} s]\n`;
      process.kill(-child.pid!, 'SIGKILL');
    }, STEP_LIMIT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code: code ?? 1, output });
    });
  });
}

type Emulation = StepScope & { env: Record<string, string> };

type Emulated = Omit<StepRun, 'name' | 'ms'> & { outputs?: Record<string, string> };

async function emulate(step: Step, emulation: Emulation): Promise<Emulated> {
  const action = step.uses!.replace(/@.*$/, '');
  const inputs = substituteAll(step.with, emulation.context);
  switch (action) {
    case 'actions/checkout':
      return checkout(inputs, emulation);
    case 'actions/setup-node':
      return setupNode(inputs, emulation);
    case 'actions/cache':
      return cache(inputs, emulation);
    case 'actions/upload-pages-artifact': {
      const folder = path.join(emulation.workspace, inputs.path ?? '_site');
      const files = existsSync(folder) ? readdirSync(folder) : [];
      return { how: 'emulated', code: files.length > 0 ? 0 : 1, output: files.length > 0 ? `would upload ${inputs.path}: ${files.join(', ')}` : `nothing to upload: ${inputs.path} is empty or missing` };
    }
    default:
      if (emulation.runner.actions[action]) return composite(emulation.runner.actions[action]!, inputs, emulation);
      throw new Error(`the step runner does not know the action ${step.uses}: teach it`);
  }
}

/** A clone of the bare repository at the branch that triggered the run (its whole history with fetch-depth: 0). */
async function checkout(inputs: Record<string, string>, { workspace, trigger, runner, env }: Emulation): Promise<Omit<StepRun, 'name' | 'ms'>> {
  const depth = inputs['fetch-depth'] === '0' ? [] : ['--depth', inputs['fetch-depth'] ?? '1'];
  const clone = await spawnCollect('git', ['clone', '--quiet', '--no-tags', ...depth, '--branch', trigger.ref, `file://${runner.remote}`, workspace], { cwd: path.dirname(workspace), env });
  if (clone.code !== 0 || depth.length > 0) return { how: 'emulated', code: clone.code, output: clone.output };
  // With the whole history, actions/checkout also fetches every branch (as origin/NAME).
  const fetch = await spawnCollect('git', ['fetch', '--quiet', '--no-tags', 'origin', '+refs/heads/*:refs/remotes/origin/*'], { cwd: workspace, env });
  return { how: 'emulated', code: fetch.code, output: clone.output + fetch.output };
}

/** Node is this machine's; `cache: npm` keeps npm's downloads in a folder shared by the jobs, and needs a lock file as setup-node does. */
function setupNode(inputs: Record<string, string>, { workspace, runner, env }: Emulation): Omit<StepRun, 'name' | 'ms'> {
  const wanted = String(inputs['node-version'] ?? '');
  const have = process.versions.node.split('.')[0];
  if (wanted && wanted !== have) return { how: 'emulated', code: 1, output: `the workflow wants Node ${wanted}, this machine has ${process.versions.node}` };
  if (inputs.cache === 'npm') {
    if (!['package-lock.json', 'npm-shrinkwrap.json'].some((file) => existsSync(path.join(workspace, file)))) {
      return { how: 'emulated', code: 1, output: 'Dependencies lock file is not found. Supported file patterns: package-lock.json,npm-shrinkwrap.json,yarn.lock' };
    }
    env.npm_config_cache = runner.npmCache;
    writeFileSync(path.join(env.RUNNER_TEMP!, 'github-env'), `npm_config_cache=${runner.npmCache}\n`, { flag: 'a' });
  }
  return { how: 'emulated', code: 0, output: `node ${process.versions.node}${inputs.cache ? `, ${inputs.cache} cache in ${runner.npmCache}` : ''}` };
}

/** Restores the newest saved folder whose key matches, exactly or by a restore-keys prefix; saves it when the job succeeds. */
function cache(inputs: Record<string, string>, { workspace, runner, saves }: Emulation): Emulated {
  const folder = path.resolve(workspace, inputs.path!);
  const key = inputs.key!;
  const prefixes = (inputs['restore-keys'] ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
  const saved = readdirSync(runner.actionsCache).sort().reverse();
  const exact = saved.find((name) => decodeURIComponent(name) === key);
  const hit = exact ?? saved.find((name) => prefixes.some((prefix) => decodeURIComponent(name).startsWith(prefix)));
  if (hit) cpSync(path.join(runner.actionsCache, hit), folder, { recursive: true, verbatimSymlinks: true });
  saves.push(() => {
    // A key is saved once, as on GitHub: an exact hit is not saved again.
    if (exact || !existsSync(folder)) return;
    rmSync(path.join(runner.actionsCache, encodeURIComponent(key)), { recursive: true, force: true });
    cpSync(folder, path.join(runner.actionsCache, encodeURIComponent(key)), { recursive: true, verbatimSymlinks: true });
  });
  return { how: 'emulated', code: 0, output: hit ? `restored ${inputs.path} from ${decodeURIComponent(hit)}` : `no cache for ${key}`, outputs: { 'cache-hit': String(exact !== undefined) } };
}

interface ActionMetadata {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: (Step & { shell?: string })[] };
}

/** A composite action: its steps in order, with its inputs (given, or their defaults) and its folder. */
async function composite(folder: string, given: Record<string, string>, emulation: Emulation): Promise<Emulated> {
  const metadata = parseYaml(readFileSync(path.join(folder, 'action.yml'), 'utf8')) as ActionMetadata;
  if (metadata.runs.using !== 'composite') throw new Error(`${folder}/action.yml is not a composite action`);
  const unknown = Object.keys(given).filter((name) => !(name in (metadata.inputs ?? {})));
  if (unknown.length > 0) return { how: 'emulated', code: 1, output: `unexpected input(s) ${unknown.join(', ')}` };
  const outer = emulation.context;
  const inputs = Object.fromEntries(Object.entries(metadata.inputs ?? {}).map(([name, input]) => [name, given[name] ?? substitute(String(input.default ?? ''), outer)]));
  const context: Context = { ...outer, outputs: {}, inputs, actionPath: folder };
  const callerEnv = emulation.env;
  const scope: StepScope = { ...emulation, context, baseEnv: () => ({ ...callerEnv, ...readEnvFile(path.join(outer.runnerTemp, 'github-env')) }) };
  let output = '';
  let code = 0;
  for (const [index, step] of metadata.runs.steps.entries()) {
    if (step.run && step.shell !== 'bash') throw new Error(`${folder}/action.yml: a run step needs "shell: bash"`);
    const run = await runStep(step, index, code !== 0, scope);
    output += `  -- ${run.name} (${run.how}, exit ${run.code}, ${run.ms} ms)\n${run.output}`;
    if (run.code !== 0) code = run.code;
  }
  const outputs = Object.fromEntries(Object.entries(metadata.outputs ?? {}).map(([name, { value }]) => [name, substitute(value, context)]));
  return { how: 'ran', code, output, outputs };
}
