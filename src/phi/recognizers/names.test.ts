import { describe, expect, it } from 'vitest';
import { clean, hits } from '../../../test/helpers/phi.js';


describe('names', () => {
  it('finds full names, honorific names and name + initial without a patient cue', () => {
    expect(hits('Congrats to Hope Carrington on ringing the bell!', 'name')).toEqual(['Hope Carrington']);
    expect(hits('Welcome back, Mr. Pham!', 'name')).toEqual(['Mr. Pham']);
    expect(hits('Quick note for Mr. and Mrs. Tran: we have your cuff.', 'name')).toEqual(['Mr. and Mrs. Tran']);
    expect(hits('Shout-out to Marcus T. for finishing PT!', 'name')).toEqual(['Marcus T.']);
    expect(hits('Inside: a license for D. Farrell.', 'name')).toEqual(['D. Farrell']);
    expect(hits('Many of you have met Danielle "Dani" Ferraro at our front desk.', 'name')).toEqual(['Danielle "Dani" Ferraro']);
  });

  it('finds single first names that are also words when a cue says it is a person', () => {
    expect(hits('When your favorite patient brings tomatoes 🍅 Thank you, Rose!', 'name')).toEqual(['Rose']);
    expect(hits('Will finally did it — A1C under 7 since his diagnosis!', 'name')).toEqual(['Will']);
    expect(hits('Congrats to Faith on 9 months smoke-free!', 'name')).toEqual(['Faith']);
    expect(hits('Front row, left to right: June, Sunny, Grace and Priya.', 'name')).toEqual(['June', 'Sunny', 'Grace', 'Priya']);
    expect(hits('Thanks to Bill and Faith Dunmore for the fudge.', 'name')).toEqual(['Bill', 'Faith Dunmore']);
  });

  it('leaves word-like names alone when they are words', () => {
    expect(clean('June is Men’s Health Month. Book your checkup!')).toBe(true);
    expect(clean('Hope to see you at the Harvest Health Fair this weekend!')).toBe(true);
    expect(clean('Will it snow Monday? Maybe.')).toBe(true);
    expect(clean('Mark your calendars: walk-in flu clinic Tue, Oct 6, 9–5.')).toBe(true);
    expect(clean('Grace period reminder: update your insurance. Keeping the faith that February is calmer.')).toBe(true);
    expect(clean('April showers, April allergies. Our nurse line can help.')).toBe(true);
  });

  it('allows staff full names but not a patient who shares a staff first name', () => {
    expect(clean('Happy 10th work anniversary to Rosa Delgado RN! Thank you, Rosa, for a decade.')).toBe(true);
    expect(clean('Dr. Okafor says no diving for drop shots. Jenna’s tip: write it down.')).toBe(true);
    expect(hits('Jenna (our patient, not our NP 😄) got her new insulin pump today!', 'name')).toEqual(['Jenna']);
  });

  it('does not report providers, officials, organisations, eponyms, pets or quote authors', () => {
    expect(clean('Please welcome Sarah Chen, PharmD, and Dr. Aisha Rahman to the team.')).toBe(true);
    expect(clean('Thank you to Governor Mike DeWine for visiting our clinic.')).toBe(true);
    expect(clean('Our staff collected socks for the Ronald McDonald House near Nationwide Children’s Hospital.')).toBe(true);
    expect(clean('Free sports physicals at Lincoln Middle School gym.')).toBe(true);
    expect(clean('November is National Alzheimer’s Disease Awareness Month.')).toBe(true);
    expect(clean('Meet Sunny, our front desk greeter! 🐕 Sunny is a 7-year-old golden retriever.')).toBe(true);
    expect(clean('"Take care of your body. It\'s the only place you have to live." — Jim Rohn')).toBe(true);
  });

  it('finds names outside the dictionaries when shaped like names', () => {
    expect(hits('What is your name? Maybe it is under Elita B Desaulniers.', 'name')).toEqual(['Elita B Desaulniers']);
    expect(hits('Hi, my name is Aantje Mourik and I need a refill.', 'name')).toEqual(['Aantje Mourik']);
    expect(hits('Their youngest, and mom Ana, came in for the twins’ checkup.', 'name')).toEqual(['Ana']);
  });

  it('reports every mention of a patient once one mention is clearly a name', () => {
    expect(hits('A thank-you to their floor manager Ray Sutter, whose stroke scare inspired us. Ray, we are glad you are here.', 'name')).toEqual(['Ray Sutter', 'Ray']);
  });

  it('does not report authors, historical figures or quoted public figures', () => {
    expect(clean('Dr. Natarajan recommends "Being Mortal" by Atul Gawande this month.')).toBe(true);
    expect(clean('Happy birthday to Clara Barton, founder of the American Red Cross, born on Christmas Day 1821.')).toBe(true);
  });

  it('does not report fictional or composite people', () => {
    expect(clean('Meet "Sam," a fictional patient we use to explain preventive care. Sam is 52.')).toBe(true);
    expect(clean('Hypothetical time! "Alex" (not a real person) is 28 and works nights.')).toBe(true);
  });

  it('finds family surnames, employers and names in hashtags', () => {
    expect(hits('Our hearts are with the Kowalski family this week.', 'name')).toEqual(['Kowalski']);
    expect(hits('The Hendersons brought us cookies after their dad’s recovery.', 'name')).toEqual(['Hendersons']);
    expect(
      hits('Their youngest, Sofia, was diagnosed with type 1 diabetes last month, and mom Ana had to step away from her job at Kessler Plastics.', 'name'),
    ).toEqual(['Sofia', 'Ana', 'Kessler Plastics']);
    expect(hits('Sending love to our patient today #TeamLiam', 'name')).toEqual(['Liam']);
  });

  it('finds names in media file names', () => {
    expect(hits('media/2026/04/lopez-maria-discharge-day-0412.jpg', 'name', 'file')).toEqual(['lopez-maria']);
    expect(clean('media/2026/rosa-delgado-rn-10-years.jpg', 'file')).toBe(true);
    expect(clean('media/2026/office-dog-sunny-friday.jpg', 'file')).toBe(true);
    expect(clean('media/2026/june-mens-health-month-carousel-1.jpg', 'file')).toBe(true);
  });
});
