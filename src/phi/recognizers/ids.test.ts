import { describe, expect, it } from 'vitest';
import { clean, hits } from '../../../test/helpers/phi.js';


describe('identifier numbers', () => {
  it('finds a full SSN by its shape and a last four by its keyword', () => {
    expect(hits('DOB 04/19/1951, SSN 912-44-0371, allergies: penicillin', 'ssn')).toEqual(['912-44-0371']);
    expect(hits("Found a patient's Social Security card (ends in 2231, name starts with K).", 'ssn')).toEqual(['2231']);
    expect(hits('last four of her social: 4821', 'ssn')).toEqual(['4821']);
  });

  it('types numbers by the keyword that introduces them', () => {
    expect(hits('Chart #48213 is updated', 'mrn')).toEqual(['48213']);
    expect(hits('a referral packet for MRN 00482913', 'mrn')).toEqual(['00482913']);
    expect(hits('reversed the charge on acct 40017-2231', 'account')).toEqual(['40017-2231']);
    expect(hits('an Anthem card with member ID YRH 448 910 227, group 00781', 'member-id')).toEqual(['YRH 448 910 227']);
    expect(hits("driver's license for D. Farrell (no. SP438271)", 'license')).toEqual(['SP438271']);
    expect(hits('A OneTouch meter, serial COH4491772, was turned in', 'device-id')).toEqual(['COH4491772']);
    expect(hits("a patient's CGM transmitter (ID 8HJ42K) started pairing", 'device-id')).toEqual(['8HJ42K']);
    expect(hits('your prescription #6612083 was sent', 'rx')).toEqual(['6612083']);
    expect(hits('Ohio plate HKZ 4471 in the ambulance bay', 'plate')).toEqual(['HKZ 4471']);
    expect(hits('look for plate PETES TOW if you need a jump', 'plate')).toEqual(['PETES TOW']);
  });

  it("finds a number later in the keyword's sentence", () => {
    expect(hits("on Mr. Whitcomb's statement (shared with permission!) it's 77104-003.", 'account')).toEqual(['77104-003']);
  });

  it('does not flag codes, doses, lot numbers or the practice phone', () => {
    expect(clean('Why does your statement show CPT 99213 or 99214? Standard codes.')).toBe(true);
    expect(clean('Type 2 diabetes (ICD-10 E11.9) affects 1 in 10 adults.')).toBe(true);
    expect(clean('Lot numbers are printed on the box. Keep the box!')).toBe(true);
    expect(clean('Bill pay is easy: pay your statement online or call 844-466-7225 and press 3.')).toBe(true);
    expect(clean('Questions about your account? Call the member number on your card.')).toBe(true);
  });

  it('finds identifiers in media file names', () => {
    expect(hits('media/2026/02/MRN00482913-xray-screenshot.png', 'mrn', 'file')).toEqual(['MRN00482913']);
    expect(hits('media/2026/06/okafor-patient-jsmith-48213.png', 'mrn', 'file')).toEqual(['48213']);
    expect(clean('media/2026/flu-shots-2021-2025-chart-6105.png', 'file')).toBe(true);
  });
});
