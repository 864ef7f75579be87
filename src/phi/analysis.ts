import type { TextCues } from './context.js';
import type { Doc } from './document.js';
import type { Candidate, Mention, PostCues } from './recognizers/common.js';

/** What the recognisers make of one text, before the model weighs it. */
export interface Analysis {
  doc: Doc;
  /** Candidate identifiers after overlaps are resolved. */
  found: Candidate[];
  mentions: Mention[];
  textCues?: TextCues;
  cues: PostCues;
}
