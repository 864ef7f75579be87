import { describe, expect, it } from 'vitest';
import { buildPractice, hostOf, normalizeAddress, phoneKey } from './practice.js';
import { clean, hits } from '../../test/helpers/phi.js';

describe('practice allow-list normalisation', () => {
  const p = buildPractice({
    name: 'Cedar Valley Family Health',
    phones: ['844-466-7225', '+1 (844) 466-7229'],
    addresses: ['4100 Brookside Pkwy, Suite 210, Millbrook, OH 43081'],
    websites: ['https://www.cedarvalleyhealth.com/'],
    emails: ['Hello@CedarValleyHealth.com'],
    handles: ['@CedarValleyHealth'],
    staff: ['Dr. Priya Natarajan', 'Jenna Whitfield NP', 'Tom Brennan PA-C'],
  });

  it('compares phones by digits, emails and handles case-insensitively, sites by host', () => {
    expect(phoneKey('(844) 466.7225')).toBe('8444667225');
    expect(p.phoneDigits.has('8444667229')).toBe(true);
    expect(p.emails.has('hello@cedarvalleyhealth.com')).toBe(true);
    expect(p.handles.has('cedarvalleyhealth')).toBe(true);
    expect(hostOf('https://www.CedarValleyHealth.com/flu?x=1')).toBe('cedarvalleyhealth.com');
    expect(p.hosts.has('cedarvalleyhealth.com')).toBe(true);
  });

  it('splits staff names from titles and credentials, and the address into parts', () => {
    expect(p.staff.map((s) => s.words.join(' '))).toEqual(['priya natarajan', 'jenna whitfield', 'tom brennan']);
    expect(normalizeAddress('4100 Brookside Pkwy.')).toBe('4100 brookside parkway');
    expect(p.streets).toEqual(['4100 brookside parkway']);
    expect([...p.zips]).toEqual(['43081']);
    expect([...p.towns]).toEqual(['millbrook']);
  });
});

describe('practice facts are allowed only as whole values', () => {
  it('allows the full address but not its ZIP or town used of a person', () => {
    expect(clean('Visit us at 4100 Brookside Pkwy, Suite 210, Millbrook, OH 43081.')).toBe(true);
    expect(hits('The closest was a homebound patient in our own ZIP, 43081, two blocks away.', 'zip')).toEqual(['43081']);
    expect(hits('A Millbrook grandma finished cardiac rehab today!', 'location')).toEqual(['Millbrook']);
  });

  it('allows a staff full name but not a patient with a staff first name', () => {
    expect(clean('Congratulations to Jenna Whitfield NP on her board certification!')).toBe(true);
    expect(hits('Shout-out to Marcus T. for finishing his last round of PT!', 'name')).toEqual(['Marcus T.']);
  });

  it('allows public pages of the practice website but not patient paths', () => {
    expect(clean('Book online: https://cedarvalleyhealth.com/new-patients')).toBe(true);
    expect(hits('Your results: https://cedarvalleyhealth.com/portal/patients/48213/results', 'url')).toHaveLength(1);
  });

  it("allows the practice's own phone, email and handle", () => {
    expect(clean('Call 844.466.7225, email hello@cedarvalleyhealth.com or follow @cedarvalleyhealth.')).toBe(true);
  });
});
