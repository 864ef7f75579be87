import { describe, expect, it } from 'vitest';
import { clean, hits } from '../../../test/helpers/phi.js';


describe('phones', () => {
  it('finds US numbers in common formats', () => {
    expect(hits('Call her cell at (740) 555-0162 tonight.', 'phone')).toEqual(['(740) 555-0162']);
    expect(hits('ph 740.555.0127 re: refill', 'phone')).toEqual(['740.555.0127']);
    expect(hits('his emergency contact, 1-740-555-0153, is disconnected', 'phone')).toEqual(['1-740-555-0153']);
    expect(hits('Mrs. Ostrander, 614–555–0170 (en dashes)', 'phone')).toEqual(['614–555–0170']);
    expect(hits('rides: 6145550148. Thanks!', 'phone')).toEqual(['6145550148']);
    expect(hits('left (937) 555 0122: please pick up', 'phone')).toEqual(['(937) 555 0122']);
  });

  it('finds international numbers and extensions', () => {
    expect(hits('My phone number is +44 20 7946 0958.', 'phone')).toEqual(['+44 20 7946 0958']);
    expect(hits('reach me at 345-899-3560x4587', 'phone')).toEqual(['345-899-3560x4587']);
  });

  it('finds loosely grouped numbers with a phone word or label', () => {
    expect(hits("They're not answering at 99 668472", 'phone')).toEqual(['99 668472']);
    expect(hits('416 60 039 office\n+46 (0)8 928 571 38 fax', 'phone')).toEqual(['416 60 039']);
    expect(hits('416 60 039 office\n+46 (0)8 928 571 38 fax', 'fax')).toEqual(['+46 (0)8 928 571 38']);
  });

  it('reports a number introduced by "fax" as a fax', () => {
    expect(hits('fax the chart to her home fax at (614) 555-0199', 'fax')).toEqual(['(614) 555-0199']);
    expect(hits('gave us your fax as "FAX: 6145550157"', 'fax')).toEqual(['6145550157']);
  });

  it("allows the practice's own numbers in any format", () => {
    for (const t of [
      'Call us at (844) 466-7225.',
      'Reach us at +1 844 466 7225 or +1 844 466 7229.',
      '844.466.7229 is staffed around the clock.',
      'Same main line from abroad: +1 (844) 466-7225',
    ]) {
      expect(clean(t)).toBe(true);
    }
  });

  it('skips third-party hotlines but not a person’s number after an organisation', () => {
    expect(clean('Poison Control: 1-800-222-1222. Call or text 988 any time.')).toBe(true);
    expect(clean('Franklin County Public Health at 614-525-3160 has free test kits.')).toBe(true);
    expect(hits('The pharmacy called his cell, 614-555-0111, twice.', 'phone')).toEqual(['614-555-0111']);
  });

  it('does not read counts, dates, codes or ZIP+4 as phones', () => {
    expect(clean('We gave 6,105 flu shots this fall, 18,400 visits in 2025.')).toBe(true);
    expect(hits('Updated 2026-10-06 with 43081-2207 as the area.', 'phone')).toEqual([]);
    expect(hits('CPT 99213 or 99214 on your statement', 'phone')).toEqual([]);
    expect(hits('Check-in at 10:15:30 on Tuesday', 'phone')).toEqual([]);
  });
});

describe('emails', () => {
  it('finds personal addresses and keeps the practice address allowed', () => {
    expect(hits('the patient who emailed us from bigredfan1962@example.net', 'email')).toEqual(['bigredfan1962@example.net']);
    expect(clean('Email HELLO@CedarValleyHealth.com with questions.')).toBe(true);
  });

  it('allows role addresses of organisations but not of free-mail accounts', () => {
    expect(clean('Report scams to info@redcross.org or billing@cedarvalleyhealth.com.')).toBe(true);
    expect(hits('write to info@gmail.com', 'email')).toEqual(['info@gmail.com']);
    expect(hits('or email jsmith@cedarvalleyhealth.com', 'email')).toEqual(['jsmith@cedarvalleyhealth.com']);
  });
});
