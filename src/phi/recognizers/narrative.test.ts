import { describe, expect, it } from 'vitest';
import { clean, hits } from '../../../test/helpers/phi.js';


describe('patient stories', () => {
  it('finds a narrated real case without any name', () => {
    expect(hits('Rough day at the clinic. Lost a patient we had cared for over 20 years this morning.', 'story')).toHaveLength(1);
    expect(hits('The toddler who swallowed a magnet last week came in for her recheck today.', 'story')).toHaveLength(1);
    expect(hits('The Millbrook High quarterback with the concussion last Friday is cleared!', 'story')).toHaveLength(1);
    expect(
      hits('Our nurse noticed a man in the waiting room looked pale and sweaty. It was a heart attack. He is home now.', 'story').length,
    ).toBeGreaterThan(0);
  });

  it('finds a case told over several sentences, even after an appeal to the reader', () => {
    expect(
      hits('Anyone who was here Tuesday may remember the man who collapsed in the lobby. He is doing well after bypass surgery and wanted to thank everyone who helped.', 'story').length,
    ).toBeGreaterThan(0);
  });

  it('does not take questions to the reader, outreach events or charity notes for cases', () => {
    expect(clean('Got a new baby? Congrats! Here is our newborn visit checklist for the first two weeks.')).toBe(true);
    expect(clean('Our team visited Sunrise Senior Living yesterday to give flu shots to 48 residents. Thank you for having us!')).toBe(true);
    expect(clean('Families staying there while a child is in the hospital need the little things most. Thank you to everyone who dropped off donations!')).toBe(true);
    expect(clean('After 31 years at Cedar Valley, our longtime lab tech is retiring! She has drawn blood from 80,000 arms.')).toBe(true);
  });

  it('does not report generic, statistical or hypothetical cases', () => {
    expect(clean('Many patients ask whether they should take a daily baby aspirin.')).toBe(true);
    expect(clean('If your child bumps their head and then vomits more than once, go to the ER.')).toBe(true);
    expect(clean('Imagine a 45-year-old runner who feels winded. (This is a made-up example, not a real patient.)')).toBe(true);
    expect(clean('Composite case (details changed, not a real person): a man in his 60s gets up three times a night.')).toBe(true);
    expect(clean('About 1 in 4 adults over 65 falls each year.')).toBe(true);
    expect(clean('A patient asked us last week whether flu shots can give you the flu. The answer: no!')).toBe(true);
  });
});

describe('testimonials', () => {
  it("finds a patient's quoted words with an attribution or a lead-in", () => {
    expect(hits('"Dr. Okafor listened when nobody else would." — Kim R.', 'testimonial')).toHaveLength(1);
    expect(hits("Patient said the sweetest thing: \"You're the only office where I've never felt rushed.\"", 'testimonial')).toHaveLength(1);
    expect(hits('Kind words: "The staff made my son feel so safe. Thank you!"', 'testimonial')).toHaveLength(1);
  });

  it('does not report staff quotes, questions or public quotes', () => {
    expect(clean('"The best question anyone asks me is what to watch for at home." — Jenna Whitfield NP')).toBe(true);
    expect(clean('A common question we hear from parents: "When is a fever too high?"')).toBe(true);
    expect(clean('"I want every person who calls us to feel expected," she says. Dr. Natarajan joined in 2014 as medical director.')).toBe(true);
  });
});

describe('patient photos', () => {
  it('finds alt text of an identifiable patient', () => {
    expect(hits('Smiling teenage boy in a wheelchair giving a thumbs-up next to Dr. Marcus Okafor', 'photo', 'alt')).toHaveLength(1);
    expect(hits('Patient in a surgical mask on an exam table; his face and tattoo sleeve are clearly visible', 'photo', 'alt')).toHaveLength(1);
    expect(hits('Margaret laughing with Rosa Delgado RN during a home visit', 'name', 'alt')).toEqual(['Margaret']);
  });

  it('leaves stock, staff and object photos alone', () => {
    for (const alt of [
      'Nurse giving a flu shot to an adult in a clinic chair',
      'A smiling nurse checks a young girl’s ears with an otoscope in a bright exam room',
      'Headshot of Tom Brennan PA-C, a man with short brown hair, smiling against a gray backdrop.',
      'Infographic with three simple figures of older adults and the text "1 in 3 adults over 65 falls each year."',
      'Sunny, a golden retriever wearing a green bandana, lying next to the front desk.',
    ]) {
      expect(clean(alt, 'alt')).toBe(true);
    }
  });

  it('finds a photo mentioned in a patient post and in a file name', () => {
    expect(hits('📸 Our newest patient at his very first weigh-in — welcome to the world, Theo!', 'photo')).toHaveLength(1);
    expect(hits('media/2026/patients/cast-removal-boy-exam-room-2026-03-14.mp4', 'photo', 'file')).toHaveLength(1);
    expect(clean('Team photo day! 📸 Front row: Rosa Delgado RN and Dr. Priya Natarajan.')).toBe(true);
    expect(clean('media/2026/meet-sam-fictional-patient-infographic.png', 'file')).toBe(true);
  });
});

describe('general posts that mention patients, people or days', () => {
  it('leaves event wording, advice lists and "you can be our patient" alone', () => {
    expect(clean('Today is the Great American Smokeout. Quitting tobacco is one of the best things you can do for your health.')).toBe(true);
    expect(clean('Great American Smokeout', 'title')).toBe(true);
    expect(clean('Next month is American Heart Month. Stop by for a free blood pressure check any Saturday in February. No appointment needed, and you do not have to be our patient.')).toBe(true);
    expect(clean('Walking in winter keeps you strong.\n\nWear shoes with good grip.\nWalk with a friend.\nStay on cleared paths.\n')).toBe(true);
  });

  it('finds what the held-out set showed: review replies, illnesses told as a case, addresses near "post office"', () => {
    expect(hits("Hi Deb, we're really sorry the wait on Monday was so long. Your feedback went straight to our office manager.", 'name')).toEqual(['Deb']);
    expect(hits('Last Tuesday a dad brought his daughter in for what he thought was a cold. It turned out to be RSV, and she spent three nights at the hospital.', 'story').length).toBeGreaterThan(0);
    expect(hits('Anyone know why the post office returned the meter we loaned to a patient at 22 Fenwick Ct, Pataskala?', 'address')).toEqual(['22 Fenwick Ct']);
    expect(clean('Example only: your medical record number looks like "MRN 00000000". Never post it online.')).toBe(true);
    expect(clean("Born before 1935? You're eligible for a flu shot.")).toBe(true);
    expect(clean('Thanks to clinical instructor Dana Hollis for coordinating the nursing students.')).toBe(true);
  });

  it('still finds the case when a status word or an advice verb is near it', () => {
    expect(hits('The closest was a homebound patient in our own ZIP, 43081.', 'zip')).toEqual(['43081']);
    expect(hits('A man came in with chest pain. He was diagnosed with a heart attack last week.', 'story').length).toBeGreaterThan(0);
  });
});
