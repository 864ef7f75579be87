import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { authorization, isAuthorizationId } from './authorization.js';

const FIELDS = 'title: A\npublish_at: 2026-12-01 09:00\nnetworks: [facebook]\nobjective: education';

async function findings(frontmatter: string) {
  const { findings } = await runOn([authorization], { 'content/a.md': post(frontmatter) });
  return findings;
}

describe('compliance/authorization', () => {
  it('asks for an authorization when a tag marks the post as a testimonial, at the tag', async () => {
    const found = await findings(`${FIELDS}\ntags: [flu, patient-testimonial]`);
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(6);
    expect(found[0]!.message).toContain('the tag "patient-testimonial"');
    expect(found[0]!.message).toContain('authorization:');
  });

  it('reads titles, image descriptions and file names marked as testimonials', async () => {
    const title = await findings(FIELDS.replace('title: A', 'title: "Patient spotlight: back on the trail"'));
    expect(title.map((f) => f.line)).toEqual([2]);
    const alt = await findings(`${FIELDS}\nmedia:\n  - file: media/a.jpg\n    alt: A patient testimonial video`);
    expect(alt.map((f) => f.line)).toEqual([8]);
    // A patient shown in the picture is phi/patient-photo's: one finding, not two.
    const shown = await findings(`${FIELDS}\nmedia:\n  - file: media/a.jpg\n    alt: Dr. Priya Natarajan listening to a patient's heart`);
    expect(shown).toEqual([]);
    const beforeAfter = await findings(`${FIELDS}\nmedia:\n  - file: media/before-and-after.jpg\n    alt: A smile`);
    expect(beforeAfter.map((f) => f.line)).toEqual([7]);
  });

  it('leaves posts about new patients, the patient portal or after-school care alone', async () => {
    const found = await findings(
      `${FIELDS.replace('title: A', 'title: Before and after school care for kids')}\ntags: [new-patients, patient-portal]\nmedia:\n  - file: media/a.jpg\n    alt: Sign welcoming new patients next to the patient portal login`,
    );
    expect(found).toEqual([]);
  });

  it('is satisfied by an authorization id, and reports one that is not an id', async () => {
    expect(await findings(`${FIELDS}\ntags: [testimonial]\nauthorization: AUTH-2026-014`)).toEqual([]);
    const found = await findings(`${FIELDS}\ntags: [testimonial]\nauthorization: on file`);
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(7);
    expect(found[0]!.message).toContain('authorization is not the id');
  });
});

describe('isAuthorizationId', () => {
  it.each(['AUTH-2026-014', '2026-014', 'hipaa/2026/7', 'A1'])('accepts %s', (id) => expect(isAuthorizationId(id)).toBe(true));
  it.each(['yes', 'TBD', 'signed 2026', 'on file', 'AUTH-XXXX', 'n/a', '-12'])('refuses %s', (id) => expect(isAuthorizationId(id)).toBe(false));
});
