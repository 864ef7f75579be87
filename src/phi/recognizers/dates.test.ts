import { describe, expect, it } from 'vitest';
import { clean, hits } from '../../../test/helpers/phi.js';


describe('dates', () => {
  it('finds dates tied to a patient, including relative days', () => {
    expect(hits('Congrats to Hope Carrington on ringing the bell yesterday!', 'date')).toEqual(['yesterday']);
    expect(hits('Walt passed away peacefully on Sunday, October 12.', 'date')).toEqual(['Sunday, October 12']);
    expect(hits('Theo was born March 2 at 7 lb 11 oz — welcome to the world!', 'date')).toEqual(['March 2']);
    expect(hits('Our patient Lena was born on Valentine’s Day in 1990.', 'date')).toEqual(['Valentine’s Day']);
    expect(hits('Last Tuesday a patient’s CGM started pairing with a stranger’s phone.', 'date')).toEqual(['Last Tuesday']);
    expect(hits('Name Barbara Quinlan, DOB 04/19/1951.', 'date')).toEqual(['04/19/1951']);
  });

  it('does not report event, closure or observance dates', () => {
    expect(clean('Our office will be closed Thursday, Nov 26 and Friday, Nov 27 for Thanksgiving.')).toBe(true);
    expect(clean('Join Team Cedar Valley at the Heart Dash 5K on Saturday, May 16!')).toBe(true);
    expect(clean('Happy Valentine’s Day! Know your numbers.')).toBe(true);
    expect(clean('Medicare Open Enrollment runs October 15 through December 7.')).toBe(true);
    expect(clean('Dr. Marcus Okafor will present at the annual meeting on Friday, Feb 6.')).toBe(true);
  });

  it('finds dates in a patient photo file name but not in an event file name', () => {
    expect(hits('media/2026/04/lopez-maria-discharge-day-0412.jpg', 'date', 'file')).toEqual(['0412']);
    expect(clean('media/2026/heart-dash-5k-riverside-park-2026-05-16.jpg', 'file')).toBe(true);
  });
});

describe('ages over 89', () => {
  it('finds ages in the forms posts use', () => {
    expect(hits('Eileen Marsh, 94, finished rehab.', 'age')).toEqual(['94']);
    expect(hits('one of our 96-year-old patients', 'age')).toEqual(['96-year-old']);
    expect(hits('93 and still beating all of us at cornhole. Happy birthday, Frank!', 'age')).toEqual(['93']);
    expect(hits('just shy of his 92nd birthday', 'age')).toEqual(['92nd']);
    expect(hits('Meet Gus, the ninety-six-year-old Korean War vet', 'age')).toEqual(['ninety-six-year-old']);
    expect(hits('Born in 1925, Ruth has outlived three family doctors.', 'age')).toEqual(['1925']);
    expect(hits('goodbye to Edith Larkin (1929–2026), a patient since 1980', 'age')).toEqual(['1929']);
  });

  it('leaves ages 89 and under and age-group statistics alone', () => {
    expect(hits('After his bypass at age 71, Sam came back.', 'age')).toEqual([]);
    expect(clean('Fun fact: people 90 and older are one of the fastest-growing age groups.')).toBe(true);
    expect(clean('Adults 75+ need one RSV vaccine dose.')).toBe(true);
    expect(clean('Born in 1955? You are due for a shingles shot.')).toBe(true);
  });

  it('finds an age in a media file name', () => {
    expect(hits('media/2026/05/harold-jenkins-91st-birthday.jpg', 'age', 'file')).toEqual(['91st']);
  });
});
