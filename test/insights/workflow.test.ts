// The workflow plan init writes to read the figures every week: when it runs, with what rights, what it keeps.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CREDENTIAL_VARIABLES } from '../../src/networks/credentials.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

const text = readFileSync(new URL('../../templates/init/.github/workflows/plan-insights.yml', import.meta.url), 'utf8');
const workflow = parseYaml(text) as {
  on: { schedule: { cron: string }[]; workflow_dispatch: null };
  concurrency: { group: string; 'cancel-in-progress': boolean };
  permissions: Record<string, string>;
  jobs: { insights: { steps: Step[] } };
};
const steps = workflow.jobs.insights.steps;

describe('the insights workflow plan init writes', () => {
  it('runs every Monday morning, and by hand, one run at a time', () => {
    expect(workflow.on.schedule).toEqual([{ cron: '23 6 * * 1' }]);
    expect('workflow_dispatch' in workflow.on).toBe(true);
    expect(workflow.concurrency).toEqual({ group: 'plan-insights', 'cancel-in-progress': false });
  });

  it('may push the figures to the record branch, nothing more', () => {
    expect(workflow.permissions).toEqual({ contents: 'write' });
  });

  it('fetches and commits the figures with every network credential from the secrets, and writes the summary', () => {
    const fetch = steps.find((step) => step.name === 'Read the figures and summarise them')!;
    expect(fetch.run).toBe('npx plan insights --fetch --commit --format markdown >> "$GITHUB_STEP_SUMMARY"');
    const variables = Object.values(CREDENTIAL_VARIABLES).flat();
    expect(Object.keys(fetch.env!).sort()).toEqual([...variables].sort());
    for (const name of variables) expect(fetch.env![name]).toBe(`\${{ secrets.${name} }}`);
  });

  it('draws the page and uploads it even when a network could not be read', () => {
    const page = steps.find((step) => step.name === 'Draw the results as a page')!;
    expect(page.run).toContain('--format html --output insights/index.html --chart insights/weekly.svg');
    expect(page.if).toBe('${{ !cancelled() }}');
    expect(steps.at(-1)).toEqual({ uses: 'actions/upload-artifact@v4', if: '${{ !cancelled() }}', with: { name: 'insights', path: 'insights' } });
  });
});
