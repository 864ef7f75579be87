import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { claimsIn, healthClaims } from './health-claims.js';

const words = (text: string) => claimsIn(text).map((c) => c.words);

describe('claimsIn', () => {
  it('finds the claims as whole words, in any case', () => {
    expect(words('This tea CURES colds. A miracle! Results guaranteed, 100% effective.')).toEqual(['CURES', 'miracle', 'guaranteed', '100% effective']);
    expect(words('Our new secure portal; manicures; procured supplies')).toEqual([]);
  });

  it('reads "miracle cure" as one claim', () => {
    expect(words('A miracle cure for back pain')).toEqual(['miracle cure']);
  });

  it('accepts denials and myths', () => {
    expect(words('There is no cure for the common cold.')).toEqual([]);
    expect(words("Antibiotics don't cure colds, and the flu can't be cured with them.")).toEqual([]);
    expect(words('No vaccine is 100% effective, and nothing is guaranteed.')).toEqual([]);
    expect(words("There's no such thing as a miracle diet.")).toEqual([]);
    expect(words('Myth: garlic cures the flu. Fact: it does not.')).toEqual([]);
  });

  it('does not let a denial in another clause excuse a claim', () => {
    expect(words('No waiting, no fuss: our shots are guaranteed to work.')).toEqual(['guaranteed']);
    expect(words('Not only does it work, it cures acne.')).toEqual(['cures']);
  });

  it('ignores web addresses and handles', () => {
    expect(words('See https://cure.org/miracle and @curekids')).toEqual([]);
  });
});

describe('compliance/health-claims', () => {
  it('reports each claim at its line and column, in the body and in variants', async () => {
    const text = post('title: A\npublish_at: 2026-12-01 09:00\nnetworks: [x, facebook]\nobjective: education\nvariants:\n  x: |-\n    Our IV drip is a miracle for hangovers.', 'Rest helps.\nOur IV drip cures hangovers.');
    const { findings } = await runOn([healthClaims], { 'content/a.md': text });
    expect(findings.map((f) => [f.line, f.column, f.endColumn, f.network])).toEqual([
      [8, 22, 29, 'x'],
      [11, 13, 18, null],
    ]);
    expect(findings[1]!.message).toContain('"cures" promises a result');
  });

  it('does not read plan-disable comments', async () => {
    const text = post('title: A\npublish_at: 2026-12-01 09:00\nnetworks: [x]\nobjective: education', '<!-- plan-disable-next-line compliance/health-claims -- a cure for nothing -->\nRest helps.');
    const { findings } = await runOn([healthClaims], { 'content/a.md': text });
    expect(findings.map((f) => f.rule)).toEqual(['schema/unused-suppression']);
  });
});
