import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { adviceIn, medicalAdvice } from './medical-advice.js';

const words = (text: string) => adviceIn(text).map((a) => a.words);

describe('adviceIn', () => {
  it('finds directives to change a medicine or treatment', () => {
    expect(words('Feeling better? You should stop taking your blood pressure pills.')).toEqual(['You should stop taking your blood pressure pills']);
    expect(words('On sick days, double your dose of insulin.')).toEqual(['double your dose']);
    expect(words('For a cold, you don’t need antibiotics.')).toEqual(['you don’t need antibiotics']);
    expect(words('Take an extra pill if the pain comes back.')).toEqual(['Take an extra pill']);
    expect(words('You should take ibuprofen for that.')).toEqual(['You should take ibuprofen']);
  });

  it('leaves general guidance alone', () => {
    expect(words('Talk to your doctor before you stop taking any medicine.')).toEqual([]);
    expect(words('Adults should get a flu shot every year.')).toEqual([]);
    expect(words("Don't stop taking your antibiotics early, even when you feel better.")).toEqual([]);
    expect(words('You should get a flu shot. You do not need an appointment.')).toEqual([]);
    expect(words('Skip caffeine late in the day, and lower your risk of falls.')).toEqual([]);
    expect(words('A visit is a time to review your medicines. Ask us about medicines that help with cravings.')).toEqual([]);
    expect(words('Never change your dose unless your doctor tells you to.')).toEqual([]);
  });
});

describe('compliance/medical-advice', () => {
  it('reports at the directive', async () => {
    const text = post('title: A\npublish_at: 2026-12-01 09:00\nnetworks: [x]\nobjective: education', 'Cold season is here.\nYou do not need antibiotics for a cold.');
    const { findings } = await runOn([medicalAdvice], { 'content/a.md': text });
    expect(findings.map((f) => [f.line, f.column])).toEqual([[8, 1]]);
    expect(findings[0]!.message).toContain('reads as medical advice for one person');
  });
});
