import { describe, expect, it } from 'vitest';
import type { StatusReport, StatusRow } from '../publishing/status.js';
import { formatStatusJson, formatStatusTable, summaryLine } from './status.js';

function row(file: string, at: string, fields: Partial<StatusRow>): StatusRow {
  const state = fields.state ?? 'scheduled';
  return {
    state,
    file: `content/${file}.md`,
    post: file,
    title: file.replace(/-/g, ' '),
    network: 'x',
    at,
    local: null,
    url: null,
    publishedAt: null,
    detail: null,
    attention: ['unknown', 'held', 'failed', 'missed', 'blocked'].includes(state),
    ...fields,
  };
}

// Wed Dec 9, 2026, 10:00 AM in New York.
const REPORT: StatusReport = {
  now: '2026-12-09T15:00:00.000Z',
  nowLocal: 'Wed Dec 9, 2026, 10:00 AM EST',
  timeZone: 'America/New_York',
  rows: [
    row('autumn-hours', '2026-11-02T15:00:00.000Z', { state: 'published', local: 'Mon Nov 2, 2026, 10:00 AM EST', url: 'https://x.com/p/status/1', publishedAt: '2026-11-02T15:00:04.000Z' }),
    row('check-in', '2026-12-05T15:00:00.000Z', { local: 'Sat Dec 5, 2026, 10:00 AM EST', state: 'published', network: 'facebook', url: 'https://facebook.com/1_2', publishedAt: '2026-12-05T15:00:04.000Z' }),
    row('check-in', '2026-12-05T15:00:00.000Z', { local: 'Sat Dec 5, 2026, 10:00 AM EST', state: 'failed', network: 'instagram', detail: 'Instagram refused the image' }),
    row('evening-hours', '2026-12-08T15:00:00.000Z', { local: 'Tue Dec 8, 2026, 10:00 AM EST', state: 'due' }),
    row('interrupted', '2026-12-09T14:00:00.000Z', { local: 'Wed Dec 9, 2026, 9:00 AM EST', state: 'unknown', detail: 'an earlier run started sending it (2026-12-09T14:00:02Z) and did not record the result: the next run checks the account before sending anything' }),
    row('flu-clinic', '2026-12-15T15:00:00.000Z', { local: 'Tue Dec 15, 2026, 10:00 AM EST' }),
    row('new-year', '2027-01-04T14:00:00.000Z', { local: 'Mon Jan 4, 2027, 9:00 AM EST' }),
    row('unapproved', '2027-01-05T14:00:00.000Z', { local: 'Tue Jan 5, 2027, 9:00 AM EST', state: 'blocked', detail: 'not approved: approved_by is required by plan.config.yaml' }),
  ],
};

describe('plan status table', () => {
  const table = formatStatusTable(REPORT, { color: false, all: false });

  it('starts with one line that counts every post × network by state', () => {
    expect(table.split('\n')[0]).toBe('2 published, 1 due now, 1 failed, 1 held back, 1 outcome unknown, 2 scheduled (as of Wed Dec 9, 2026, 10:00 AM EST)');
  });

  it('lists first the posts a person must act on, whenever they are, with a line per network', () => {
    const attention = table.slice(table.indexOf('Needs attention'), table.indexOf('Last day and next two weeks'));
    expect(attention).toContain(
      [
        'check in  content/check-in.md',
        '  Sat Dec 5, 2026, 10:00 AM EST (2026-12-05 15:00 UTC)',
        '    Facebook   published Sat Dec 5, 10:00 AM EST (2026-12-05 15:00 UTC): https://facebook.com/1_2',
        '    Instagram  failed: Instagram refused the image (change the post to try again)',
      ].join('\n'),
    );
    expect(attention).toContain('    X  outcome unknown: an earlier run started sending it (2026-12-09T14:00:02Z) and did not record the result: the next run checks the account');
    expect(attention).toContain('  Tue Jan 5, 2027, 9:00 AM EST (2027-01-05 14:00 UTC)\n    X  held back: not approved');
  });

  it('then the last day and the next two weeks, and says how many more --all shows', () => {
    const soon = table.slice(table.indexOf('Last day and next two weeks'));
    expect(soon.split('\n')[0]).toBe('Last day and next two weeks (to Wed Dec 23, 10:00 AM EST)');
    expect(soon).toContain('evening hours  content/evening-hours.md\n  Tue Dec 8, 2026, 10:00 AM EST (2026-12-08 15:00 UTC)\n    X  due now\n');
    expect(soon).toContain('flu clinic  content/flu-clinic.md');
    expect(table).not.toContain('autumn-hours');
    expect(table).not.toContain('new-year');
    expect(table.trimEnd().split('\n').at(-1)).toBe('2 more posts published earlier or scheduled later: run "plan status --all" to see every post.');
  });

  it('lists every post with --all', () => {
    const all = formatStatusTable(REPORT, { color: false, all: true });
    expect(all).toContain('Every other post');
    for (const file of ['autumn-hours', 'evening-hours', 'flu-clinic', 'new-year']) expect(all).toContain(`content/${file}.md`);
    expect(all).not.toContain('plan status --all');
  });

  it('says so when nothing needs attention, and when there are no ready posts', () => {
    const calm = formatStatusTable({ ...REPORT, rows: REPORT.rows.filter((r) => !r.attention) }, { color: false, all: false });
    expect(calm).toContain('\n✔ Nothing needs attention.\n');
    expect(formatStatusTable({ ...REPORT, rows: [] }, { color: false, all: false })).toBe('No ready posts: a post is published once its status is ready.\n');
  });

  it('paints only when asked', () => {
    expect(table).not.toContain('\u001b[');
    expect(formatStatusTable(REPORT, { color: true, all: false })).toContain('\u001b[');
  });
});

describe('plan status json', () => {
  it('keeps its shape (version and one row per post × network) and adds the clock and the counts', () => {
    const json = JSON.parse(formatStatusJson(REPORT));
    expect(Object.keys(json)).toEqual(['version', 'now', 'timeZone', 'counts', 'posts']);
    expect(json.version).toBe(1);
    expect(json.posts).toHaveLength(REPORT.rows.length);
    expect(json.counts).toEqual({ published: 2, failed: 1, due: 1, unknown: 1, scheduled: 2, blocked: 1 });
  });

  it('counts in the summary the order a person reads them', () => {
    expect(summaryLine(REPORT.rows.filter((r) => r.state === 'scheduled' || r.state === 'published'))).toBe('2 published, 2 scheduled');
  });
});
