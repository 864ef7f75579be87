import { describe, expect, it } from 'vitest';
import { markdownToPlain } from './markdown.js';

const plain = (md: string) => markdownToPlain(md).text;

describe('markdownToPlain', () => {
  it('removes bold and emphasis markers', () => {
    expect(plain('**Flu shots** are _here_, *really* __now__ ~~then~~')).toBe('Flu shots are here, really now then');
  });

  it('leaves underscores and asterisks inside words and URLs alone', () => {
    expect(plain('file_name_here and https://example.com/_a_/b_c_')).toBe('file_name_here and https://example.com/_a_/b_c_');
    expect(plain('Visit example.com/_private_ today')).toBe('Visit example.com/_private_ today');
    expect(plain('**See https://a.org/flu_shots** and _www.b.org_ now')).toBe('See https://a.org/flu_shots and www.b.org now');
  });

  it('turns links into text and URL, or the URL alone when they match', () => {
    expect(plain('Book at [our flu page](https://cedarvalleyhealth.com/flu).')).toBe(
      'Book at our flu page https://cedarvalleyhealth.com/flu.',
    );
    expect(plain('[cedarvalleyhealth.com](https://cedarvalleyhealth.com/) or <https://x.org>')).toBe(
      'https://cedarvalleyhealth.com/ or https://x.org',
    );
    expect(plain('[**Book now**](https://a.org "title")')).toBe('Book now https://a.org');
    expect(plain('Write to [us](mailto:hello@cedarvalleyhealth.com)')).toBe('Write to us hello@cedarvalleyhealth.com');
  });

  it('drops heading markers but keeps hashtags', () => {
    expect(plain('# Flu season\n\n## Walk in #\n#FluSeason #GetVaccinated')).toBe(
      'Flu season\n\nWalk in\n#FluSeason #GetVaccinated',
    );
  });

  it('turns list items into bullets', () => {
    expect(plain('Bring:\n- your card\n* a list of medicines\n  + nested\n1. numbered')).toBe(
      'Bring:\n• your card\n• a list of medicines\n  • nested\n1. numbered',
    );
  });

  it('keeps paragraphs with one blank line between them and trims', () => {
    expect(plain('\n\nFirst line\nsecond line\n\n\n\nNext paragraph  \n\n')).toBe(
      'First line\nsecond line\n\nNext paragraph',
    );
  });

  it('removes comments without leaving a gap', () => {
    const md = 'Intro\n<!-- plan-disable-next-line phi/name -- staff member -->\nDr. Priya says hi <!-- inline --> today\n<!--\nmulti\n\nline\n-->\nEnd';
    expect(plain(md)).toBe('Intro\nDr. Priya says hi today\nEnd');
  });

  it('handles escapes, code, quotes, rules and images', () => {
    expect(plain('\\#1 clinic \\*not bold\\* `code_span`')).toBe('#1 clinic *not bold* code_span');
    expect(plain('> Quoted **line**\n\n---\n\n![alt](media/x.jpg)\nAfter')).toBe('Quoted line\n\nAfter');
    expect(plain('```\nkeep *this*\n```')).toBe('keep *this*');
    expect(plain('<!--\n```\n-->\n*a*')).toBe('a');
  });

  it('maps each output line to its markdown line', () => {
    const result = markdownToPlain('<!-- c -->\n# Title\n\n\nBody **one**\n- item');
    expect(result.text).toBe('Title\n\nBody one\n• item');
    expect(result.sourceLines).toEqual([2, 3, 5, 6]);
  });

  it('accepts CRLF line endings', () => {
    expect(plain('a\r\n\r\nb')).toBe('a\n\nb');
  });
});
