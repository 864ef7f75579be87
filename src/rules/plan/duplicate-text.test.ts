import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { duplicateText } from './duplicate-text.js';

const NOW = '2026-12-01T15:00:00Z';

describe('plan/duplicate-text', () => {
  it('reports the later post, naming the earlier one, ignoring case and spacing', async () => {
    const { findings } = await runOn(
      [duplicateText],
      {
        'content/first.md': post('title: A\npublish_at: 2026-12-07 09:00\nnetworks: [facebook, x]', 'Wash your hands  often.'),
        'content/second.md': post('title: B\npublish_at: 2026-12-14 09:00\nnetworks: [facebook, x]\nvariants:\n  x: Something else for X.', 'wash your\nhands often.'),
      },
      NOW,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'plan/duplicate-text',
        severity: 'warning',
        file: 'content/second.md',
        line: 8,
        network: 'facebook',
        message:
          'this post sends the same text to Facebook as content/first.md (Mon Dec 7): networks reject or hide repeats, and plan publish will not send it twice. ' +
          'Reword it, or give it its own variants for that network',
      }),
    ]);
  });

  it('points at the variant when the repeated text is one', async () => {
    const { findings } = await runOn(
      [duplicateText],
      {
        'content/first.md': post('title: A\npublish_at: 2026-12-07 09:00\nnetworks: [x]\nvariants:\n  x: Flu shots are here!', 'One text.'),
        'content/second.md': post('title: B\npublish_at: 2026-12-14 09:00\nnetworks: [x]\nvariants:\n  x: flu shots are HERE!', 'Another text.'),
      },
      NOW,
    );
    expect(findings.map((f) => [f.file, f.line, f.network])).toEqual([['content/second.md', 6, 'x']]);
  });

  it('does not compare text across networks, and leaves a repeat already past alone', async () => {
    const { findings } = await runOn(
      [duplicateText],
      {
        'content/a.md': post('title: A\npublish_at: 2026-12-07 09:00\nnetworks: [x]', 'Same words.'),
        'content/b.md': post('title: B\npublish_at: 2026-12-08 09:00\nnetworks: [facebook]', 'Same words.'),
        'content/old-1.md': post('title: C\npublish_at: 2026-11-01 09:00\nnetworks: [mastodon]', 'Old words.'),
        'content/old-2.md': post('title: D\npublish_at: 2026-11-02 09:00\nnetworks: [mastodon]', 'Old words.'),
      },
      NOW,
    );
    expect(findings).toEqual([]);
  });
});

describe('plan/duplicate-text and a plan-disable comment', () => {
  it('reports on the first line of text, so that a comment above it turns the finding off', async () => {
    const { findings, suppressed } = await runOn(
      [duplicateText],
      {
        'content/first.md': post('title: A\npublish_at: 2026-12-07 09:00\nnetworks: [facebook]', 'Wash your hands often.'),
        'content/second.md': post('title: B\npublish_at: 2026-12-14 09:00\nnetworks: [facebook]', '<!-- plan-disable-next-line plan/duplicate-text -- a yearly reminder -->\nWash your hands often.'),
      },
      NOW,
    );
    expect(findings).toEqual([]);
    expect(suppressed.map((f) => [f.file, f.line])).toEqual([['content/second.md', 7]]);
  });
});
