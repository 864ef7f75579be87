import { describe, expect, it } from 'vitest';
import { clean, hits } from '../../../test/helpers/phi.js';


describe('addresses, towns and ZIP codes', () => {
  it('finds a street address and the town after it', () => {
    const t = 'Cards can go to his home at 88 Juniper Court, Millbrook.';
    expect(hits(t, 'address')).toEqual(['88 Juniper Court']);
    expect(hits(t, 'location')).toEqual(['Millbrook']);
  });

  it('finds a full address with a ZIP', () => {
    const t = 'Her room: Whispering Pines, Room 214, 2250 Eastwood Rd, Blacklick, OH 43004.';
    expect(hits(t, 'address')).toContain('2250 Eastwood Rd');
    expect(hits(t, 'zip')).toEqual(['43004']);
    expect(hits(t, 'location')).toEqual(['Blacklick']);
  });

  it('finds named residences, PO boxes and street names tied to a patient', () => {
    expect(hits('Eileen lives at Brookside Commons Senior Living and plays bridge.', 'address')).toEqual(['Brookside Commons Senior Living']);
    expect(hits('Mail her a card at PO Box 1142, Groveport.', 'address')).toEqual(['PO Box 1142']);
    expect(hits('Meals on Wheels had dinner at his door on Sycamore Lane when Harold Jenkins got home.', 'address')).toEqual(['Sycamore Lane']);
  });

  it('finds towns and ZIPs used of a person, even the practice’s own', () => {
    expect(hits('A Millbrook mom just told us her son has not been hospitalized all winter.', 'location')).toEqual(['Millbrook']);
    expect(hits('The patient from 43081 who walked in with a blood pressure of 220/130 called today.', 'zip')).toEqual(['43081']);
    expect(hits('"Dr. Okafor listened when nobody else would." — Kim R., Gahanna', 'location')).toEqual(['Gahanna']);
    expect(hits('A 34-year-old teacher from Pickerington presented with fatigue.', 'location')).toEqual(['Pickerington']);
  });

  it('allows the practice address, event venues and service areas', () => {
    expect(clean('Our walk-in flu clinic runs Tuesday at our office (4100 Brookside Pkwy, Suite 210, Millbrook, OH 43081).')).toBe(true);
    expect(clean('Cedar Valley Family Health\n4100 Brookside Pkwy, Suite 210\nMillbrook, OH 43081')).toBe(true);
    expect(clean('Where: Lincoln Middle School gym, 215 Maple Ave')).toBe(true);
    expect(clean('We welcome new patients from Millbrook, including ZIP codes 43081, 43082 and 43054.')).toBe(true);
    expect(clean('We started in a two-room office on Main Street with one doctor.')).toBe(true);
  });

  it('finds postal blocks, military boxes and introduced ZIP codes', () => {
    const block = 'William Hughes\n\n20789 Allika 46\n Suite 501\n Riisa\n\n Estonia 62488';
    expect(hits(block, 'address')).toEqual(['20789 Allika 46', 'Suite 501']);
    expect(hits(block, 'zip')).toEqual(['62488']);
    expect(hits('The office is at PSC 0413, Box 8144\nAPO AA 42323', 'address')).toHaveLength(1);
    expect(hits('My zip code is 880', 'zip')).toEqual(['880']);
    expect(hits('We moved here from Kenosha last spring.', 'location')).toEqual(['Kenosha']);
  });

  it('does not take states or ordinary words for towns', () => {
    expect(hits('Our patient Dana moved back to Ohio after her surgery.', 'location')).toEqual([]);
    expect(hits('Our patient Dana is in Physical Therapy now.', 'location')).toEqual([]);
  });
});
