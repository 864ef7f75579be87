/** What GitHub writes for a form field left empty. */
export const NO_RESPONSE = '_No response_';

/**
 * The answers of a submitted issue form: GitHub writes each field as "### Label", a blank line and
 * the answer ("_No response_" when left empty). Only the form's own labels start a field, so a
 * "### " heading typed into an answer stays part of it. Answers are keyed by label in lower case;
 * an empty one is undefined.
 */
export function readIssueForm(body: string, labels: readonly string[]): Map<string, string | undefined> {
  const wanted = new Set(labels.map((label) => label.toLowerCase()));
  const answers = new Map<string, string | undefined>();
  let current: string | undefined;
  let lines: string[] = [];
  const close = () => {
    if (current === undefined) return;
    const answer = lines.join('\n').trim();
    answers.set(current, answer === '' || answer === NO_RESPONSE ? undefined : answer);
  };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^###\s+(.+?)\s*$/.exec(line)?.[1]?.toLowerCase();
    if (heading !== undefined && wanted.has(heading) && !answers.has(heading) && heading !== current) {
      close();
      current = heading;
      lines = [];
    } else if (current !== undefined) lines.push(line);
  }
  close();
  return answers;
}
