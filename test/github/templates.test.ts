// What plan init writes for authoring without a terminal: the "New post" issue form (whose labels are
// the ones plan reads), its workflow, and the post template for GitHub's web editor.
import { copyFileSync, cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { NETWORK_IDS } from '../../src/loading/schemas/index.js';
import { profileFor } from '../../src/networks/index.js';
import { FORM } from '../../src/scaffold/from-issue.js';
import { auditJson, makeRepo, removeTempRepos, runPlan } from '../helpers/repo.js';

afterAll(removeTempRepos);

const EXAMPLE = fileURLToPath(new URL('../..', import.meta.url));

async function initialised(): Promise<string> {
  const dir = makeRepo({}, { config: null, plans: false });
  const run = await runPlan(['init'], { cwd: dir.root });
  expect(run.code).toBe(0);
  return dir.root;
}

interface FormElement {
  type: string;
  id?: string;
  attributes: { label?: string; options?: string[]; multiple?: boolean };
  validations?: { required?: boolean };
}

describe('plan init: the "New post" issue form', () => {
  it('asks for each field plan reads, under the labels it reads them by, and offers the networks by name', async () => {
    const root = await initialised();
    const form = parseYaml(readFileSync(path.join(root, '.github/ISSUE_TEMPLATE/new-post.yml'), 'utf8')) as { name: string; description: string; labels: string[]; body: FormElement[] };
    expect(form).toMatchObject({ name: 'New post', description: expect.any(String), labels: ['new post'] });
    const fields = form.body.filter((element) => element.type !== 'markdown');
    expect(fields.map((f) => f.attributes.label)).toEqual(Object.values(FORM));
    expect(new Set(fields.map((f) => f.id)).size).toBe(fields.length);
    expect(fields.filter((f) => f.validations?.required).map((f) => f.attributes.label)).toEqual([FORM.title, FORM.text]);
    const networks = fields.find((f) => f.attributes.label === FORM.networks)!;
    expect(networks).toMatchObject({ type: 'dropdown', attributes: { multiple: true } });
    expect([...networks.attributes.options!].sort()).toEqual(NETWORK_IDS.map((id) => profileFor(id).label).sort());
  });

  it('has a workflow that turns an issue from someone with write access into a pull request', async () => {
    const root = await initialised();
    const workflow = parseYaml(readFileSync(path.join(root, '.github/workflows/plan-new-post.yml'), 'utf8')) as {
      on: { issues: { types: string[] } };
      permissions: Record<string, string>;
      concurrency: { group: string };
      jobs: { post: { if: string; steps: { run?: string; env?: Record<string, string> }[] } };
    };
    expect(workflow.on).toEqual({ issues: { types: ['opened', 'edited'] } });
    expect(workflow.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', issues: 'write' });
    expect(workflow.concurrency.group).toContain('github.event.issue.number');
    expect(workflow.jobs.post.if).toContain("contains(fromJSON('[\"OWNER\", \"MEMBER\", \"COLLABORATOR\"]'), github.event.issue.author_association)");
    const step = workflow.jobs.post.steps.find((s) => s.run?.includes('plan new'))!;
    expect(step.run).toBe('npx plan new --from-issue "$GITHUB_EVENT_PATH" --pull-request');
    expect(step.env?.GITHUB_TOKEN).toMatch(/secrets\.GITHUB_TOKEN/);
  });
});

describe('content/_template.md', () => {
  it('is not a post, and is one that audits without errors once copied under content/', async () => {
    for (const source of [EXAMPLE, await initialised()]) {
      const dir = makeRepo({}, { config: null, plans: false });
      for (const part of ['plan.config.yaml', 'plans']) cpSync(path.join(source, part), path.join(dir.root, part), { recursive: true });
      mkdirSync(path.join(dir.root, 'content/2026/10'), { recursive: true });
      copyFileSync(path.join(source, 'content/_template.md'), path.join(dir.root, 'content/_template.md'));
      expect((await auditJson(dir, [], {})).posts).toBe(0);
      copyFileSync(path.join(source, 'content/_template.md'), path.join(dir.root, 'content/2026/10/flu-shots-are-here.md'));
      const audit = await auditJson(dir, ['--now', '2026-09-01T12:00:00Z']);
      expect(audit.posts).toBe(1);
      expect(audit.findings.filter((f) => f.severity === 'error')).toEqual([]);
    }
  });
});

