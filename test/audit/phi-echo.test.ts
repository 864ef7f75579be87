import { afterAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, makeRepo, post, removeTempRepos, runPlan } from '../helpers/repo.js';

afterAll(removeTempRepos);

// PHI typed where no one expects it to be checked: in every field of the frontmatter and in a key.
// Whatever plan says about these posts, in CI it must say it without repeating any of it.
const PHI_FRAGMENTS = ['Maria', 'Gonzalez', 'gonzalez', '4481923', '555-201', '201-3344', '03/14', '1961'];
// A media file named after a patient (a staff member's first name with another's surname) and a record number.
const FILE_NAME_FRAGMENTS = ['whitfield', '7730215'];

const POSTS: Record<string, string> = {
  'content/2030/publish-at.md': post({ publish_at: '03/14/1961 Maria Gonzalez' }),
  'content/2030/network.md': post({ networks: '[x, maria-gonzalez-4481923]' }),
  'content/2030/key.md': post({ 'Maria Gonzalez 555-201-3344': 'yes' }),
  'content/2030/title.md': post({ title: 'Maria Gonzalez 555-201-3344 born 03/14/1961' }),
  'content/2030/link.md': post({ link: 'https://example.com/patients/maria-gonzalez-4481923' }),
  'content/2030/objective.md': post({ objective: 'Maria Gonzalez 4481923' }),
  'content/2030/audience.md': post({ audience: '[maria-gonzalez-4481923]' }),
  'content/2030/media.md': post({
    networks: '[x, instagram]',
    media: '\n  - file: media/rosa-whitfield-7730215.jpg\n    alt: Maria Gonzalez, born 03/14/1961, after her visit',
  }),
  'content/2030/variant.md': post({ variants: '\n  x: Maria Gonzalez 555-201-3344' }),
  'content/2030/nested.md': post({ networks: '[x]\nx:\n  Maria Gonzalez: 555-201-3344' }),
};

function leaked(output: string): string[] {
  return [...PHI_FRAGMENTS, ...FILE_NAME_FRAGMENTS].filter((fragment) => output.includes(fragment));
}

describe('PHI typed into frontmatter fields and keys', () => {
  const repo = makeRepo({}, { git: true });
  repo.git('branch', '-M', 'main');
  for (const [file, content] of Object.entries(POSTS)) repo.write(file, content);
  repo.commit('posts with PHI in their fields');
  const env = { CI: 'true', GITHUB_ACTIONS: 'true' };

  const commands: string[][] = [
    ...['pretty', 'json', 'github', 'sarif', 'markdown'].map((format) => ['audit', '--format', format, '--now', FIXED_NOW]),
    ['review', '--base', 'main~1', '--now', FIXED_NOW],
    ...['markdown', 'github', 'json'].map((format) => ['review', '--base', 'main~1', '--format', format, '--now', FIXED_NOW]),
    ['calendar', '--from', '2030-01-01', '--weeks', '4'],
    ['calendar', '--from', '2030-01-01', '--weeks', '4', '--format', 'json'],
    ['status'],
    ['status', '--format', 'json'],
    ['publish', '--dry-run', '--now', FIXED_NOW],
  ];

  it.each(commands.map((args) => [args.join(' '), args] as const))('plan %s repeats none of it', async (_, args) => {
    const run = await runPlan([...args], { cwd: repo.root, env });
    expect(run.stdout + run.stderr).not.toBe('');
    expect(leaked(run.stdout), run.stdout).toEqual([]);
    expect(leaked(run.stderr), run.stderr).toEqual([]);
  });
});
