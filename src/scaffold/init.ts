import { access, copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PlanError } from '../errors.js';
import { packagePath, packageVersion } from '../util/package.js';

const TEMPLATE = packagePath('templates', 'init');
/** npm leaves a file named .gitignore out of a package, so the template keeps it under another name. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };
const CONFIG_FILE = 'plan.config.yaml';
const CODEOWNERS_FILE = '.github/CODEOWNERS';
/** The folders whose changes the reviewers must approve. */
const REVIEWED_FOLDERS = ['/content/', '/plans/', '/plan.config.yaml'];
/** A GitHub user (dr-lee) or team (@org/team), as approval.reviewers takes them. */
const REVIEWER = /^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?$/;

export interface InitOptions {
  /** GitHub users or teams who approve posts: written into approval.reviewers of a new plan.config.yaml. */
  reviewers?: readonly string[];
}

export interface InitResult {
  created: string[];
  /** Files that were already there and were left as they are. */
  kept: string[];
  /** What the user still has to do for the workflows to run, beyond the usual next steps. */
  advice: string[];
  /** Whether package-lock.json is there (the workflows install from it). */
  locked: boolean;
}

/**
 * Writes a new content repository into `dir`, never overwriting a file that exists: the template's
 * files, a package.json that installs plan, and CODEOWNERS from approval.reviewers.
 */
export async function initRepository(dir: string, options: InitOptions = {}): Promise<InitResult> {
  const reviewers = checkedReviewers(options.reviewers ?? []);
  const result: InitResult = { created: [], kept: [], advice: [], locked: false };
  const write = async (file: string, produce: () => Promise<void>) => {
    if (await exists(path.join(dir, file))) return void result.kept.push(file);
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await produce();
    result.created.push(file);
  };
  for (const source of await templateFiles(TEMPLATE, '')) {
    const file = RENAMED[source] ?? source;
    await write(file, async () => {
      if (file === CONFIG_FILE && reviewers.length > 0) await writeFile(path.join(dir, file), withReviewers(await readFile(path.join(TEMPLATE, source), 'utf8'), reviewers));
      else await copyFile(path.join(TEMPLATE, source), path.join(dir, file));
    });
  }
  if (reviewers.length > 0 && result.kept.includes(CONFIG_FILE)) {
    result.advice.push(`plan.config.yaml was already there and is unchanged: add the reviewers to approval.reviewers in it yourself`);
  }
  await write('package.json', () => writeFile(path.join(dir, 'package.json'), packageJson(dir)));
  if (result.kept.includes('package.json')) result.advice.push(...(await packageAdvice(dir)));
  const configured = await configuredReviewers(dir);
  await write(CODEOWNERS_FILE, () => writeFile(path.join(dir, CODEOWNERS_FILE), codeowners(configured)));
  if (configured.length === 0) {
    result.advice.push('approval is off: no reviewers are listed. Add the GitHub users or teams who approve posts to approval.reviewers in plan.config.yaml and to .github/CODEOWNERS, then set approval.required: true');
  }
  await mkdir(path.join(dir, 'media'), { recursive: true });
  result.locked = await exists(path.join(dir, 'package-lock.json'));
  result.created.sort();
  result.kept.sort();
  return result;
}

function checkedReviewers(reviewers: readonly string[]): string[] {
  const names = reviewers.map((name) => name.trim()).filter(Boolean);
  const bad = names.find((name) => !REVIEWER.test(name));
  if (bad) throw new PlanError(`--reviewers: "${bad}" is not a GitHub user name (dr-lee) or team (@your-org/compliance)`);
  return names;
}

/** The template's configuration with `reviewers: []` replaced by the given names, and approval required. */
function withReviewers(config: string, reviewers: readonly string[]): string {
  const list = reviewers.map((name) => (name.startsWith('@') ? JSON.stringify(name) : name)).join(', ');
  // The comment after the list keeps its column when the list fits before it.
  return config.replace(/^( {2}required: )false( *)#.*$/m, '$1true $2# a listed reviewer must approve each post\'s pull request').replace(/^( {2}reviewers: )\[\]( *)/m, (_, key: string, spaces: string) => `${key}[${list}]${' '.repeat(Math.max(1, spaces.length - list.length))}`);
}

function packageJson(dir: string): string {
  const name = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'practice';
  const manifest = {
    name: `${name}-posts`,
    private: true,
    description: "Our practice's social-media posts, checked and published by plan",
    scripts: { audit: 'plan audit', calendar: 'plan calendar', status: 'plan status' },
    devDependencies: { '@practice-plan/plan': `^${packageVersion()}` },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** What to tell about a package.json that was already there: the workflows install plan from it. */
async function packageAdvice(dir: string): Promise<string[]> {
  let manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    return ['package.json could not be read as JSON: the workflows install plan from it with npm ci, so fix it first'];
  }
  const listed = manifest.devDependencies?.['@practice-plan/plan'] ?? manifest.dependencies?.['@practice-plan/plan'];
  return listed ? [] : ['package.json does not list plan, and the workflows install it from there: run "npm install --save-dev @practice-plan/plan"'];
}

/** approval.reviewers of the repository's plan.config.yaml; none when it cannot be read. */
async function configuredReviewers(dir: string): Promise<string[]> {
  try {
    const config = parseYaml(await readFile(path.join(dir, CONFIG_FILE), 'utf8')) as { approval?: { reviewers?: unknown } } | null;
    const reviewers = config?.approval?.reviewers;
    return Array.isArray(reviewers) ? reviewers.filter((name): name is string => typeof name === 'string' && REVIEWER.test(name)) : [];
  } catch {
    return [];
  }
}

function codeowners(reviewers: readonly string[]): string {
  const owners = reviewers.map((name) => (name.startsWith('@') ? name : `@${name}`)).join(' ');
  const header = [
    '# Who reviews changes to posts and plans: the approval.reviewers of plan.config.yaml.',
    '# GitHub asks them to review every pull request that touches these paths. To make their approval',
    '# required: Settings → Branches → a rule for main → "Require review from Code Owners".',
  ];
  const lines = REVIEWED_FOLDERS.map((folder) => (owners ? `${folder} ${owners}` : `# ${folder} @a-reviewer @your-org/compliance`));
  return `${[...header, ...lines].join('\n')}\n`;
}

async function templateFiles(root: string, relative: string): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const child = path.join(relative, entry.name);
      return entry.isDirectory() ? templateFiles(root, child) : Promise.resolve([child]);
    }),
  );
  return nested.flat().sort();
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
