import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { readability, syllableCount } from './readability.js';
import { readingLevel } from './reading-level.js';

const HARD =
  'Comprehensive cardiovascular evaluation facilitates individualized preventive recommendations. ' +
  'Pharmacological interventions necessitate continuous monitoring of physiological parameters. ' +
  'Immunization considerably diminishes hospitalization probability among vulnerable populations.';
const EASY = 'Flu shots are here. Walk in any day. It takes ten minutes. Bring your card.';

describe('syllableCount', () => {
  it.each([
    ['flu', 1], ['care', 1], ['walked', 1], ['wanted', 2], ['people', 2], ['table', 2], ['being', 2],
    ['vaccine', 2], ['safely', 2], ['family', 3], ['medicine', 3], ['video', 3], ['actual', 3],
    ['appointment', 3], ['cholesterol', 4], ['immunization', 5],
  ])('%s has %i', (word, count) => expect(syllableCount(word)).toBe(count));
});

describe('readability', () => {
  it('grades plain and hard text apart', () => {
    expect(readability(EASY).grade).toBeLessThan(3);
    expect(readability(HARD).grade).toBeGreaterThan(15);
  });

  it('leaves out web addresses, hashtags, handles, emoji and numbers', () => {
    const plain = readability('Get your shot. Walk in today. It is quick.');
    const noisy = readability('Get your shot 💉 https://cedarvalleyhealth.com/immunization-information. Walk in today @cedarvalleyhealth. It is quick. #ImmunizationAwarenessMonth 2026');
    expect(noisy.words).toBe(plain.words);
    expect(noisy.grade).toBeCloseTo(plain.grade);
  });

  it('does not end a sentence at "Dr." or "U.S."', () => {
    expect(readability('Dr. Priya Natarajan sees kids in the U.S. and abroad.').sentences).toBe(1);
  });
});

describe('compliance/reading-level', () => {
  it('warns about a hard body and a hard variant, with the grade and a hint', async () => {
    const text = post(`title: A\npublish_at: 2026-12-01 09:00\nnetworks: [x, facebook]\nobjective: education\nvariants:\n  facebook: ${HARD}`, `\n${HARD}`);
    const { findings } = await runOn([readingLevel], { 'content/a.md': text });
    expect(findings.map((f) => [f.line, f.network, f.severity])).toEqual([
      [7, 'facebook', 'warning'],
      [10, null, 'warning'],
    ]);
    expect(findings[1]!.message).toMatch(/reads at about US grade \d+\.\d \(aim for grade 8 or lower\): use shorter sentences/);
    expect(findings[1]!.message).toContain('"hospitalization"');
  });

  it('says nothing about plain text, or about fewer than three sentences', async () => {
    const short = HARD.split('. ').slice(0, 2).join('. ');
    const text = post(`title: A\npublish_at: 2026-12-01 09:00\nnetworks: [x]\nobjective: education\nvariants:\n  x: ${short}`, EASY);
    const { findings } = await runOn([readingLevel], { 'content/a.md': text });
    expect(findings).toEqual([]);
  });
});

describe('compliance/reading-level and a plan-disable comment', () => {
  it('reports on the first line of text, so that a comment above it turns the finding off', async () => {
    const body = `<!-- plan-disable-next-line compliance/reading-level -- quoted from the cardiology society's statement -->\n${HARD}`;
    const { findings, suppressed } = await runOn([readingLevel], { 'content/a.md': post('title: Heart\npublish_at: 2026-12-01 09:00\nnetworks: [facebook]', body) });
    expect(findings).toEqual([]);
    expect(suppressed.map((f) => [f.rule, f.line, f.suppression.reason])).toEqual([['compliance/reading-level', 7, "quoted from the cardiology society's statement"]]);
  });
});
