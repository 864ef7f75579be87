import { describe, expect, it } from 'vitest';
import { observancesBetween } from './observances.js';

const plan = {
  observances: [
    { name: 'American Heart Month', month: 2, link: 'https://www.heart.org' },
    { name: 'World AIDS Day', date: '12-01' },
    { name: 'National Wear Red Day', date: '2027-02-05' },
    { name: 'Winter Break Safety Week', start: '12-28', end: '01-03' },
    { name: 'Leap Day Checkup', date: '02-29' },
  ],
};

describe('observancesBetween', () => {
  it('places months, yearly days, one-time days and periods over New Year', () => {
    expect(observancesBetween(plan, '2026-11-30', '2027-02-07')).toEqual([
      { name: 'World AIDS Day', start: '2026-12-01', end: '2026-12-01', kind: 'day' },
      { name: 'Winter Break Safety Week', start: '2026-12-28', end: '2027-01-03', kind: 'period' },
      { name: 'American Heart Month', start: '2027-02-01', end: '2027-02-28', kind: 'month', link: 'https://www.heart.org' },
      { name: 'National Wear Red Day', start: '2027-02-05', end: '2027-02-05', kind: 'day' },
    ]);
  });

  it('keeps an observance that began before the range and one dated for another year out', () => {
    expect(observancesBetween(plan, '2028-01-01', '2028-03-01').map((o) => [o.name, o.start])).toEqual([
      ['Winter Break Safety Week', '2027-12-28'],
      ['American Heart Month', '2028-02-01'],
      ['Leap Day Checkup', '2028-02-29'],
    ]);
  });

  it('has nothing without a plan', () => {
    expect(observancesBetween(undefined, '2026-01-01', '2026-12-31')).toEqual([]);
  });
});
