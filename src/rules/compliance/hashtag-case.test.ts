import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { camelCaseFor, hashtagCase, splitWords } from './hashtag-case.js';

describe('camelCaseFor', () => {
  it.each([
    ['flushotclinic', 'FluShotClinic'],
    ['HEARTMONTH', 'HeartMonth'],
    ['Mentalhealth', 'MentalHealth'],
    ['worldaidsday', 'WorldAIDSDay'],
    ['fluseason2026', 'FluSeason2026'],
    ['knowyournumbers', 'KnowYourNumbers'],
    ['getfit2026', 'GetFit2026'],
  ])('#%s → #%s', (tag, camel) => expect(camelCaseFor(tag)).toBe(camel));

  it.each(['flu', 'COVID19', 'ad', 'HIPAA', 'FluShot', 'WorldAIDSDay', 'immunization', 'breastfeeding', 'together', 'heartbeat', 'thanksgiving', 'flu_shot'])(
    'leaves #%s alone',
    (tag) => expect(camelCaseFor(tag)).toBeUndefined(),
  );
});

describe('splitWords', () => {
  it('prefers fewer and longer words', () => {
    expect(splitWords('flushot')).toEqual(['flu', 'shot']);
    expect(splitWords('healthyliving')).toEqual(['healthy', 'living']);
  });
});

describe('compliance/hashtag-case', () => {
  it('warns at each hashtag in the body and in variants', async () => {
    const text = post('title: A\npublish_at: 2026-12-01 09:00\nnetworks: [x]\nobjective: education\nvariants:\n  x: "Shots today #FLUSHOT #flu"', 'Shots today.\n\n#flushotclinic #FluSeason');
    const { findings } = await runOn([hashtagCase], { 'content/a.md': text });
    expect(findings.map((f) => [f.line, f.column, f.endColumn, f.network])).toEqual([
      [7, 19, 27, 'x'],
      [11, 1, 15, null],
    ]);
    expect(findings[1]!.message).toContain('write it #FluShotClinic');
  });
});
