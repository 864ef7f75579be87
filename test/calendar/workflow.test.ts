// The workflow plan init writes to publish the calendar to GitHub Pages: what it runs, when, with what rights.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

const workflow = parseYaml(readFileSync(new URL('../../templates/init/.github/workflows/plan-calendar.yml', import.meta.url), 'utf8')) as {
  on: { push: { branches: string[] }; schedule: { cron: string }[] };
  concurrency: { group: string; 'cancel-in-progress': boolean };
  permissions: Record<string, string>;
  jobs: { build: { steps: Step[] }; deploy: { needs: string; environment: { name: string }; steps: Step[] } };
};

describe('the calendar workflow plan init writes', () => {
  const build = workflow.jobs.build.steps;

  it('runs on every push to main and once a day, one deployment at a time', () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on.schedule).toEqual([{ cron: '17 10 * * *' }]);
    expect(workflow.concurrency).toEqual({ group: 'plan-calendar', 'cancel-in-progress': false });
  });

  it('may read the repository and deploy Pages, nothing more', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
  });

  it('reads the publish record from its branch, so published posts show as published', () => {
    const fetch = build.find((step) => step.name === 'Fetch the publish record')!;
    expect(fetch.run).toContain('git ls-remote --exit-code --heads origin plan-record');
    expect(fetch.run).toContain('"+refs/heads/plan-record:refs/remotes/origin/plan-record"');
  });

  it('builds the feed and the page into one folder and deploys it with the Pages actions', () => {
    const calendar = build.find((step) => step.name === 'Build the calendar')!.run!;
    expect(calendar).toMatch(/npx plan calendar --format ics .* --output site\/calendar\.ics/);
    expect(calendar).toMatch(/npx plan calendar --format html .* --output site\/index\.html/);
    expect(build.at(-1)).toEqual({ uses: 'actions/upload-pages-artifact@v4', with: { path: 'site' } });
    expect(workflow.jobs.deploy.needs).toBe('build');
    expect(workflow.jobs.deploy.environment.name).toBe('github-pages');
    expect(workflow.jobs.deploy.steps).toEqual([{ id: 'deployment', uses: 'actions/deploy-pages@v4' }]);
  });
});
