import { afterAll, describe, expect, it } from 'vitest';
import { commandContext } from '../../../test/helpers/command.js';
import { makeRepo, post, removeTempRepos } from '../../../test/helpers/repo.js';
import { HIDDEN } from '../../audit/hide.js';
import { runStatusCommand, type StatusFlags } from './status.js';

afterAll(removeTempRepos);

// Wed Dec 9, 2026, 10:00 AM in New York.
const NOW = '2026-12-09T15:00:00Z';

const entry = (postId: string, state: string, extra: Record<string, string> = {}) =>
  JSON.stringify({ post: postId, network: 'x', state, at: '2026-12-09T14:00:02Z', fingerprint: 'sha256:0', file: `content/${postId}.md`, ...extra });

function repo() {
  return makeRepo({
    'content/published.md': post({ title: 'Holiday hours', publish_at: '2026-12-07 09:00', status: 'ready' }),
    'content/interrupted.md': post({ title: 'Flu clinic Saturday', publish_at: '2026-12-09 09:00', status: 'ready' }),
    'content/damaged.md': post({ title: 'Walking group', publish_at: '2026-12-09 09:00', status: 'ready' }),
    'content/soon.md': post({ title: 'Get well soon, Margaret Olsen', publish_at: '2026-12-14 09:00', status: 'ready' }),
    'content/later.md': post({ title: 'New year, new doctor', publish_at: '2027-02-01 09:00', status: 'ready' }),
    'content/draft.md': post({ title: 'Winter walks', publish_at: '2026-12-10 09:00', status: 'draft' }),
    '.plan/ledger.jsonl': [entry('published', 'published', { at: '2026-12-07T14:00:03Z', url: 'https://x.com/t/status/7' }), entry('interrupted', 'attempting'), '{"post":"damaged","network":"x","sta'].join('\n') + '\n',
  });
}

async function status(flags: Partial<StatusFlags>): Promise<{ code: number; stdout: string }> {
  const { context, output } = commandContext({ cwd: repo().root });
  const code = await runStatusCommand({ format: 'table', now: NOW, ...flags }, context);
  return { code, stdout: output().stdout };
}

describe('plan status', () => {
  it('keeps the json shape: version and one row per ready post × network, with the fields it always had and new ones', async () => {
    const { code, stdout } = await status({ format: 'json' });
    const json = JSON.parse(stdout);
    expect(code).toBe(0);
    expect(json.version).toBe(1);
    expect(json.posts.map((r: { file: string; state: string }) => `${r.file} ${r.state}`)).toEqual([
      'content/published.md published',
      'content/damaged.md held',
      'content/interrupted.md unknown',
      // The name in its title is an error finding: it will be held when its time comes, so it is held now.
      'content/soon.md blocked',
      'content/later.md scheduled',
    ]);
    expect(json.posts[0]).toEqual({
      state: 'published',
      file: 'content/published.md',
      post: 'published',
      title: 'Holiday hours',
      network: 'x',
      at: '2026-12-07T14:00:00.000Z',
      local: 'Mon Dec 7, 2026, 9:00 AM EST',
      url: 'https://x.com/t/status/7',
      publishedAt: '2026-12-07T14:00:03Z',
      detail: null,
      attention: false,
    });
    expect(json.posts[2].detail).toBe('an earlier run started sending it (2026-12-09T14:00:02Z) and did not record the result: the next run checks the account before sending anything');
    expect(json.posts[3]).toMatchObject({ detail: '1 error finding(s): run "plan audit content/soon.md"', attention: true });
    expect(json.counts).toEqual({ published: 1, held: 1, unknown: 1, blocked: 1, scheduled: 1 });
  });

  it('hides in titles what a PHI finding covers', async () => {
    for (const format of ['json', 'table'] as const) {
      const { stdout } = await status({ format, all: true });
      expect(stdout).toContain(`Get well soon, ${HIDDEN}`);
      expect(stdout).not.toMatch(/Margaret|Olsen/);
    }
  });

  it('shows what needs attention and the next two weeks, and everything with --all', async () => {
    const { stdout } = await status({});
    expect(stdout.split('\n')[0]).toBe('1 published, 1 held back, 1 held for safety, 1 outcome unknown, 1 scheduled (as of Wed Dec 9, 2026, 10:00 AM EST)');
    expect(stdout).toContain('Walking group  content/damaged.md\n  Wed Dec 9, 2026, 9:00 AM EST (2026-12-09 14:00 UTC)\n    X  held for safety: the publish record has lines plan cannot read');
    expect(stdout).not.toContain('New year, new doctor');
    expect(stdout).not.toContain('Winter walks');
    expect((await status({ all: true })).stdout).toContain('New year, new doctor  content/later.md');
  });
});
