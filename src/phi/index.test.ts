import { describe, expect, it } from 'vitest';
import { createPhiScanner, PHI_DESCRIPTIONS, PHI_RULE_BY_TYPE, type PhiType } from './index.js';

const ALL: PhiType[] = [
  'name', 'date', 'age', 'phone', 'fax', 'email', 'address', 'location', 'zip', 'mrn', 'ssn', 'account',
  'member-id', 'license', 'device-id', 'rx', 'plate', 'url', 'ip', 'handle', 'story', 'testimonial', 'photo',
];

describe('PHI engine API', () => {
  it('maps every type to its rule', () => {
    expect(Object.keys(PHI_RULE_BY_TYPE).sort()).toEqual([...ALL].sort());
    expect(PHI_RULE_BY_TYPE.fax).toBe('phi/phone');
    expect(PHI_RULE_BY_TYPE.zip).toBe('phi/address');
    expect(PHI_RULE_BY_TYPE.plate).toBe('phi/id-number');
    expect(PHI_RULE_BY_TYPE.ip).toBe('phi/url');
    expect(PHI_RULE_BY_TYPE.story).toBe('phi/patient-story');
    expect(PHI_RULE_BY_TYPE.testimonial).toBe('phi/testimonial');
    expect(PHI_RULE_BY_TYPE.photo).toBe('phi/patient-photo');
  });

  const scanner = createPhiScanner({ phones: ['844-466-7225'], staff: ['Dr. Priya Natarajan'] });
  const text =
    'Happy 97th birthday to Dorothy Vance 🎂 — call her at (740) 555-0162 or email dot.vance@example.net. SSN 912-44-0371.';

  it('returns UTF-16 offsets into the text and descriptions without the matched text', () => {
    const ms = scanner.scan(text, 'body');
    expect(ms.map((m) => m.type).sort()).toEqual(['age', 'email', 'name', 'phone', 'ssn']);
    for (const m of ms) {
      expect(m.start).toBeGreaterThanOrEqual(0);
      expect(m.end).toBeLessThanOrEqual(text.length);
      expect(m.end).toBeGreaterThan(m.start);
      expect(m.description).toBe(PHI_DESCRIPTIONS[m.type]);
      expect(m.description.includes(text.slice(m.start, m.end))).toBe(false);
    }
    const phone = ms.find((m) => m.type === 'phone')!;
    expect(text.slice(phone.start, phone.end)).toBe('(740) 555-0162');
  });

  it('ignores HTML comments such as suppression directives', () => {
    const t = '<!-- plan-disable-next-line phi/name -- Dr. Jane Roe, 555-0100 -->\nFlu shots are here!';
    expect(scanner.scan(t, 'body')).toEqual([]);
    const ms = scanner.scan('<!-- note -->Thank you, Mr. Pham!', 'body');
    expect(ms.map((m) => m.type)).toEqual(['name']);
    expect(ms[0]!.start).toBe('<!-- note -->Thank you, '.length);
  });

  it('scans every field kind and returns nothing for empty input', () => {
    expect(scanner.scan('', 'body')).toEqual([]);
    expect(scanner.scan('   ', 'title')).toEqual([]);
    expect(scanner.scan('Ethan Morales: from the pediatric ICU to Eagle Scout', 'title').map((m) => m.type)).toContain('name');
    expect(scanner.scan('https://www.gofundme.com/f/help-the-harper-family', 'link').map((m) => m.type)).toEqual(['url']);
    expect(scanner.scan('His wife asked us to call her at 614-555-0101 about his biopsy.', 'variant').map((m) => m.type)).toContain('phone');
  });

  it('is deterministic and independent between scans', () => {
    const a = scanner.scan(text, 'body');
    scanner.scan('Thank you, Rose! Our patient is doing well.', 'body');
    expect(scanner.scan(text, 'body')).toEqual(a);
  });
});
