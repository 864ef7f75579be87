import { describe, expect, it } from 'vitest';
import { readIssueForm } from './issue-form.js';

const LABELS = ['Title', 'When', 'Networks', 'Text', 'Image description'];

describe('readIssueForm', () => {
  it('reads each field by its label, with GitHub\'s CRLF line ends, and an empty field as undefined', () => {
    const body = '### Title\r\n\r\nFlu shots\r\n\r\n### When\r\n\r\n_No response_\r\n\r\n### Networks\r\n\r\nX, Mastodon\r\n\r\n### Text\r\n\r\nLine one.\r\n\r\nLine two.';
    expect(Object.fromEntries(readIssueForm(body, LABELS))).toEqual({ title: 'Flu shots', when: undefined, networks: 'X, Mastodon', text: 'Line one.\n\nLine two.' });
  });

  it('keeps a "### " heading typed into an answer as part of it, and reads labels in any case', () => {
    const body = '### TEXT\n\nIntro\n\n### Why flu shots matter\n\nThey protect others.\n\n### Image description\n\nA nurse';
    expect(Object.fromEntries(readIssueForm(body, LABELS))).toEqual({ text: 'Intro\n\n### Why flu shots matter\n\nThey protect others.', 'image description': 'A nurse' });
  });

  it('finds nothing in an issue not written with the form', () => {
    expect(readIssueForm('Can we post about flu shots?\n\n### Thanks', LABELS).size).toBe(0);
  });
});
