import { describe, expect, it } from 'vitest';
import { xProfile } from './profile.js';

describe('X count', () => {
  it('allows exactly 280 and counts 281', () => {
    expect(xProfile.count('a'.repeat(280))).toBe(280);
    expect(xProfile.count('a'.repeat(281))).toBe(281);
    expect(xProfile.maxLength).toBe(280);
  });

  it('counts any URL as 23', () => {
    const long = `https://cedarvalleyhealth.com/${'x'.repeat(120)}`;
    expect(xProfile.count(long)).toBe(23);
    expect(xProfile.count('https://a.co')).toBe(23);
    expect(xProfile.count('Book: cedarvalleyhealth.com/flu')).toBe(6 + 23);
  });

  it('weighs emoji sequences and CJK 2', () => {
    expect(xProfile.count('👩‍⚕️')).toBe(2);
    expect(xProfile.count('👨‍👩‍👧')).toBe(2);
    expect(xProfile.count('流感疫苗')).toBe(8);
    expect(xProfile.count('🇺🇸 ok')).toBe(5);
  });

  it('puts 140 CJK characters at the limit', () => {
    expect(xProfile.count('字'.repeat(140))).toBe(280);
    expect(xProfile.count('字'.repeat(140) + 'a')).toBe(281);
  });
});
