import type { LineIndex } from '../loading/source.js';
import type { Finding, RuleMeta } from '../rules/types.js';
import type { Counts } from '../audit/index.js';

/** Everything an output format needs; formats only lay it out. */
export interface FindingsReport {
  findings: readonly Finding[];
  counts: Counts;
  /** How many posts were audited. */
  posts: number;
  sources: ReadonlyMap<string, LineIndex>;
  rules: readonly RuleMeta[];
  toolVersion: string;
}

export interface PrettyOptions {
  color: boolean;
  /** Show the matched text of PHI findings (local terminal only; the CLI refuses it in CI). */
  reveal: boolean;
  /** List info findings too; without it they are only counted (they are advice, and many). */
  notes?: boolean;
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

export function summaryLine(counts: Counts, posts: number): string {
  const problems = counts.error + counts.warning;
  const checked = `${plural(posts, 'post')} checked`;
  // Info findings are notes (a "see more" cut, a post outside its slots): worth a look, never a problem.
  const notes = counts.info > 0 ? ` (${plural(counts.info, 'note')})` : '';
  if (problems === 0) return `${checked}: no problems found${notes}`;
  return `${checked}: ${plural(problems, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')})${notes}`;
}
