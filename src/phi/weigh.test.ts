import { describe, expect, it } from 'vitest';
import { createPhiScanner } from './index.js';

const practice = {
  name: 'Cedar Valley Family Health',
  phones: ['844-466-7225'],
  websites: ['https://cedarvalleyhealth.com'],
  staff: ['Dr. Marcus Okafor'],
};
const scanner = createPhiScanner(practice);
const typesOf = (text: string, field: 'body' | 'title' | 'alt' = 'body', reviewReply = false) =>
  scanner.scan(text, field, { reviewReply }).map((match) => match.type);

describe('weighing what the recognisers found with the shipped model', () => {
  it('leaves general health information alone, however it is worded', () => {
    for (const text of [
      'If you have chest pain, call 911 right away.',
      'Wash your hands for 20 seconds to prevent the flu.',
      'Refills in the portal',
      'Questions about the coat drive? Call us at 844-466-7225.',
      'Many patients ask whether they need a physical every year. Every 1–3 years is often fine.',
    ]) {
      expect(typesOf(text), text).toEqual([]);
    }
    expect(typesOf('Refills in the portal', 'title')).toEqual([]);
  });

  it('drops a phone number that is not about anyone, and keeps one that is', () => {
    expect(typesOf('Call 614-555-0199 to sign up for the coat drive.')).toEqual([]);
    expect(typesOf('The patient at 614-555-0199 can pick up his insulin refill at the front desk.')).toEqual(['phone']);
  });

  it('reports a sentence that tells a patient\'s story though nothing in it is an identifier', () => {
    const found = scanner.scan('A patient came in with crushing chest pain. It was a heart attack, and he is home now. Know the signs.', 'body');
    expect(found.map((m) => m.type)).toEqual(['story', 'story']);
    expect(found[0]!.basis).toContain('their care or condition');
    expect(found[1]!.basis).toEqual(['a particular person', 'their care or condition']);
  });

  it('says a review reply that confirms care is a disclosure, and marks it as a reply', () => {
    const text = 'Thanks for the kind words! So glad your knee replacement went well and you are back on the trail.';
    const found = scanner.scan(text, 'body', { reviewReply: true });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((m) => m.reply === true)).toBe(true);
    expect(scanner.scan('Thank you for the review! We\'re glad you had a good experience.', 'body', { reviewReply: true })).toEqual([]);
  });

  it('calls a quoted patient\'s words a testimonial, the attribution after it included', () => {
    const text = '"Dr. Okafor fixed my back pain after years of suffering. Best doctor ever!" says one of our patients.';
    expect(new Set(typesOf(text))).toEqual(new Set(['testimonial']));
  });

  it('explains every finding in words and never with the text it found', () => {
    const text = 'Hi Sarah, we\'re sorry your wait was long at your appointment yesterday.';
    const found = scanner.scan(text, 'body');
    expect(found.length).toBeGreaterThan(0);
    for (const match of found) {
      expect(match.basis!.length).toBeGreaterThan(0);
      const words = [match.description, ...match.basis!].join(' ');
      expect(words).not.toContain('Sarah');
      expect(words).not.toContain('yesterday');
    }
  });

  it('reads an image description as a picture of whoever it names', () => {
    const found = scanner.scan('Our patient smiling in the exam room after her last chemo', 'alt');
    expect(found.map((m) => m.type)).toContain('photo');
    expect(found[0]!.basis).toContain('a picture of them');
  });
});
