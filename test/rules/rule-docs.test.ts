import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pagePath, rulePages, ruleTable, withRuleTable } from '../../src/rules/docs/index.js';
import { docsUrl } from '../../src/rules/messages.js';
import { RULES } from '../../src/rules/registry.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = path.join(ROOT, 'test/fixtures/every-rule');
const REGENERATE = 'run "npm run build && node scripts/rule-docs.mjs" and commit what it writes';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.relative(ROOT, path.join(dir, entry.name)).split(path.sep).join('/')],
  );
}

describe('the rule pages (docs/rules/)', () => {
  it('are what scripts/rule-docs.mjs writes from the rules and their examples, one per rule and no other', async () => {
    const pages = await rulePages(FIXTURE);
    expect(filesUnder(path.join(ROOT, 'docs/rules')).sort(), REGENERATE).toEqual([...pages.keys()].sort());
    for (const [page, text] of pages) expect(readFileSync(path.join(ROOT, page), 'utf8'), `${page}: ${REGENERATE}`).toBe(text);
  });

  it("are where each rule's docs.url points on GitHub", () => {
    for (const { meta } of RULES) {
      expect(meta.docs.url).toBe(docsUrl(meta.id));
      expect(meta.docs.url.endsWith(pagePath(meta.id).replace(/^docs\/rules\//, ''))).toBe(true);
    }
  });
});

describe('the README rule table', () => {
  it('lists every rule with its default and what it checks, linked to its page, as scripts/rule-docs.mjs writes it', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(withRuleTable(readme, ruleTable()), REGENERATE).toBe(readme);
    for (const { meta } of RULES) expect(readme).toContain(`| [\`${meta.id}\`](docs/rules/${meta.id}.md) | ${meta.severity} |`);
  });

  it('replaces only the table of the Rules section', () => {
    const readme = '# plan\n\n| rule | default | checks |\n|---|---|---|\n\n## Rules\n\nIntro.\n\n| rule | default | checks |\n|---|---|---|\n| `old/rule` | error | gone |\n\n### PHI\n';
    expect(withRuleTable(readme, '| rule | default | checks |\n|---|---|---|\n| new |')).toBe(
      '# plan\n\n| rule | default | checks |\n|---|---|---|\n\n## Rules\n\nIntro.\n\n| rule | default | checks |\n|---|---|---|\n| new |\n\n### PHI\n',
    );
  });
});

describe('every rule', () => {
  it('lives in src/rules/<family>/<name>.ts, one rule per file', () => {
    const misplaced = RULES.filter(({ meta }) => {
      const file = path.join(ROOT, 'src/rules', `${meta.id}.ts`);
      return !existsSync(file) || (readFileSync(file, 'utf8').match(/\bid: '[a-z]+\/[a-z-]+'/g) ?? []).length !== 1 || !readFileSync(file, 'utf8').includes(`id: '${meta.id}'`);
    });
    expect(misplaced.map((rule) => rule.meta.id)).toEqual([]);
  });

  it('has a unique id, a description, a why and at least one message', () => {
    expect(new Set(RULES.map((rule) => rule.meta.id)).size).toBe(RULES.length);
    for (const { meta } of RULES) {
      expect(meta.id).toMatch(/^(schema|phi|network|audience|plan|compliance)\/[a-z]+(?:-[a-z]+)*$/);
      expect(meta.docs.description.length, meta.id).toBeGreaterThan(20);
      expect(meta.docs.why.length, meta.id).toBeGreaterThan(60);
      expect(Object.keys(meta.messages).length, meta.id).toBeGreaterThan(0);
    }
  });
});
