import { describe, expect, it } from 'vitest';
import { escapeLittle, fromLittleText, toLittleText } from './little-text.js';

describe('toLittleText', () => {
  it('escapes every reserved character', () => {
    expect(escapeLittle('| { } @ [ ] ( ) < > # \\ * _ ~')).toBe('\\| \\{ \\} \\@ \\[ \\] \\( \\) \\< \\> \\# \\\\ \\* \\_ \\~');
    expect(toLittleText('Flu clinic (walk-ins welcome) [Sat] ask @ the desk, 50% off *today* ~ a<b>c')).toBe(
      'Flu clinic \\(walk-ins welcome\\) \\[Sat\\] ask \\@ the desk, 50% off \\*today\\* \\~ a\\<b\\>c',
    );
  });

  it('leaves ordinary punctuation, accents, emoji and line breaks alone', () => {
    const text = 'Café hours: Mon–Fri 8–5! 🩺 "Walk in" & relax.\n\nSee you; ok? $5, 100%.';
    expect(toLittleText(text)).toBe(text);
  });

  it('writes hashtags as hashtag templates, so they stay clickable', () => {
    expect(toLittleText('Get your shot #FluSeason #Vacunación today')).toBe('Get your shot {hashtag|\\#|FluSeason} {hashtag|\\#|Vacunación} today');
    expect(toLittleText('#Health first')).toBe('{hashtag|\\#|Health} first');
    expect(toLittleText('Full-width ＃Salud')).toBe('Full-width {hashtag|＃|Salud}');
  });

  it('escapes a # that does not start a hashtag it can template', () => {
    expect(toLittleText('We are #1 in C# and #flu_shots, room #2026')).toBe('We are \\#1 in C\\# and \\#flu\\_shots, room \\#2026');
  });

  it('escapes inside URLs too (LinkedIn cuts a link at an unescaped _ or #)', () => {
    expect(toLittleText('https://cedarvalleyhealth.com/flu_shots#hours')).toBe('https://cedarvalleyhealth.com/flu\\_shots\\#hours');
  });

  it('escapes a backslash before an emoji without splitting the pair', () => {
    expect(toLittleText('a\\🩺')).toBe('a\\\\🩺');
  });
});

describe('fromLittleText', () => {
  it('undoes toLittleText for any text', () => {
    for (const text of [
      'Flu clinic (walk-ins welcome) on Saturday. Ask @ the desk [or call] #FluSeason',
      'C:\\path\\to_file *bold* ~strike~ {x|y} <tag>',
      'https://cedarvalleyhealth.com/flu_shots#hours ＃Salud #1',
      'Café 🩺 #Vacunación\n\nline two',
      '',
    ]) {
      expect(fromLittleText(toLittleText(text))).toBe(text);
    }
  });

  it('reads mentions by name and hashtag elements and templates as #tag', () => {
    expect(fromLittleText('Thanks @[Cedar \\(Valley\\)](urn:li:organization:1234)! {hashtag|#|Health} #flu \\_x\\_')).toBe('Thanks Cedar (Valley)! #Health #flu _x_');
  });

  it('keeps a reserved character that starts no element as it is', () => {
    expect(fromLittleText('a @ b {c} [d]')).toBe('a @ b {c} [d]');
  });
});
