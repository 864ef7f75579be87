import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { dstGap } from './dst-gap.js';
import { dstRepeated } from './dst-repeated.js';

const NOW = '2026-10-01T12:00:00Z';

async function dstFindings(publishAt: string, extra = '') {
  const { findings } = await runOn(
    [dstGap, dstRepeated],
    { 'content/a.md': post(`title: Clocks\npublish_at: ${publishAt}\nnetworks: [x]${extra}`) },
    NOW,
  );
  return findings;
}

describe('plan/dst-gap and plan/dst-repeated (America/New_York)', () => {
  it('reports a time in the skipped spring-forward hour as an error, saying when it will really go out', async () => {
    const findings = await dstFindings('2027-03-14 02:30');
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'plan/dst-gap',
        severity: 'error',
        line: 3,
        message:
          'publish_at "2027-03-14 02:30" does not exist in America/New_York: clocks spring forward that night and skip that hour, so ' +
          'the post would go out at 3:30 am (UTC-4). Write the time you mean, outside the skipped hour',
      }),
    ]);
  });

  it('knows where the skipped hour starts and ends', async () => {
    expect((await dstFindings('2027-03-14 02:00')).map((f) => f.rule)).toEqual(['plan/dst-gap']);
    expect((await dstFindings('2027-03-14 02:59')).map((f) => f.rule)).toEqual(['plan/dst-gap']);
    expect(await dstFindings('2027-03-14 01:59')).toEqual([]);
    expect(await dstFindings('2027-03-14 03:00')).toEqual([]);
  });

  it('warns about a time in the repeated fall-back hour, and says how to pick the second one', async () => {
    const findings = await dstFindings('2026-11-01 01:30');
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'plan/dst-repeated',
        severity: 'warning',
        message:
          'publish_at "2026-11-01 01:30" happens twice in America/New_York because clocks fall back that night: plan uses the first, 1:30 am UTC-4. ' +
          'To mean the second, write "2026-11-01T01:30-05:00"',
      }),
    ]);
  });

  it('knows where the repeated hour starts and ends', async () => {
    expect((await dstFindings('2026-11-01 01:00')).map((f) => f.rule)).toEqual(['plan/dst-repeated']);
    expect((await dstFindings('2026-11-01 01:59')).map((f) => f.rule)).toEqual(['plan/dst-repeated']);
    expect(await dstFindings('2026-11-01 00:59')).toEqual([]);
    expect(await dstFindings('2026-11-01 02:00')).toEqual([]);
  });

  it('checks expires too, and not a time written with its own offset', async () => {
    const findings = await dstFindings('2027-03-10 09:00', '\nexpires: 2027-03-14 02:15');
    expect(findings.map((f) => [f.line, f.message])).toEqual([[5, expect.stringContaining('the post would expire at 3:15 am (UTC-4)')]]);
    expect(await dstFindings('2026-11-01T01:30-05:00')).toEqual([]);
  });

  it('leaves a time already past alone', async () => {
    const { findings } = await runOn([dstGap], { 'content/a.md': post('title: Old\npublish_at: 2026-03-08 02:30\nnetworks: [x]') }, NOW);
    expect(findings).toEqual([]);
  });
});
