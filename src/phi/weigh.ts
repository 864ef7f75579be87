/**
 * Weighs what the recognisers found with the PHI model: each sentence gets the probability that it
 * discloses a patient. What the recognisers found stands in a sentence likely to disclose one; such a
 * sentence with nothing found in it is reported whole, as a story (a photo in an image description or
 * file name). Every finding says what it rests on: who is told about, that they are a patient, and what
 * is told.
 */
import type { Analysis } from './analysis.js';
import type { Practice } from './practice.js';
import type { Candidate } from './recognizers/common.js';
import type { PhiModel } from './model/classifier.js';
import { wordClusters } from './model/clusters.js';
import { REPLY_CONTEXT, replySigns, unitFeatures, unitSignals, unitsOf, type Block, type EngineView, type FeatureVector, type Unit } from './model/features.js';
import type { PhiType, ScanContext } from './types.js';

/** Identifiers that point at one person whatever the sentence says. */
const STRONG: ReadonlySet<PhiType> = new Set(['phone', 'fax', 'email', 'ssn', 'mrn', 'account', 'member-id', 'license', 'device-id', 'rx', 'plate', 'ip', 'handle', 'url', 'age']);

export interface Policy {
  /** A strong identifier stands unless its sentence's probability is below this. */
  keepStrong: number;
  /** A name, date, place, story, testimonial or photo stands when its sentence's probability reaches this. */
  keepWeak: number;
  /** A sentence at or above this with nothing found in it is reported whole. */
  add: number;
}

/** Chosen with `scripts/train-phi.mjs --loso --sweep` (see data/phi/README.md). */
export const POLICY: Policy = { keepStrong: 0.3, keepWeak: 0.5, add: 0.7 };

/** A candidate as the weighing leaves it: with what it rests on, and whether it answers a review. */
export type WeighedCandidate = Candidate & { basis?: string[]; reply?: boolean };

/** What the model reads of an analysis: the units of the text and their feature vectors. */
export function unitVectors(analysis: Analysis, practice: Practice, blocks?: readonly Block[], context: ScanContext = {}): { units: Unit[]; vectors: FeatureVector[] } {
  const units = unitsOf(analysis.doc);
  const view = engineView(analysis, practice);
  const clusters = wordClusters();
  const reply = replyContextOf(analysis, context);
  return { units, vectors: units.map((_, i) => unitFeatures(analysis.doc, units, i, view, clusters, blocks, reply)) };
}

export function weigh(analysis: Analysis, model: PhiModel, practice: Practice, context: ScanContext = {}, policy: Policy = POLICY): WeighedCandidate[] {
  const { units, vectors } = unitVectors(analysis, practice, undefined, context);
  return explain(analysis, units, decide(analysis, units, vectors.map((v) => model.probability(v)), policy), context);
}

/** What stands of the candidates, and what is added, given each unit's probability. */
export function decide(analysis: Analysis, units: readonly Unit[], probability: readonly number[], policy: Policy): Candidate[] {
  const clusters = wordClusters();
  const signalsOfUnit = new Map<number, ReadonlySet<string>>();
  const signalsAt = (i: number) => {
    let signals = signalsOfUnit.get(i);
    if (!signals) signalsOfUnit.set(i, (signals = unitSignals(analysis.doc, units[i]!, clusters, 0)));
    return signals;
  };
  const kept = analysis.found.filter((found) => {
    const i = unitOf(units, found.start);
    const p = probability[i] ?? 0;
    if (!STRONG.has(found.type)) return p >= policy.keepWeak;
    // A number or address in a sentence about someone ("call me at …") is theirs, however the sentence reads.
    return p >= policy.keepStrong || (units[i] !== undefined && pointsAtSomeone(signalsAt(i), analysis.doc.field, false));
  });
  const covered = new Set(kept.map((found) => unitOf(units, found.start)));
  const added: Candidate[] = [];
  units.forEach((unit, i) => {
    if (covered.has(i) || probability[i]! < policy.add) return;
    const signals = signalsAt(i);
    if (!pointsAtSomeone(signals, analysis.doc.field)) return;
    const afterQuote = kept.some((found) => found.type === 'testimonial' && unitOf(units, found.end - 1) === i - 1);
    added.push({ type: afterQuote ? 'testimonial' : wholeUnitType(analysis, signals), start: unit.start, end: unit.end });
  });
  return [...kept, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** How much the post reads like an answer to a review; as much as can be when its author says so. */
function replyContextOf(analysis: Analysis, context: ScanContext): number {
  return context.reviewReply ? REPLY_CONTEXT : replySigns(analysis.doc.text);
}

/** The unit an offset falls in, or the one before it when it falls between units (a link after a sentence). */
function unitOf(units: readonly Unit[], offset: number): number {
  let index = 0;
  units.forEach((unit, i) => {
    if (unit.start <= offset) index = i;
  });
  return index;
}

/**
 * A sentence reported whole must point at someone: a person, a pronoun, a relative, a title. A sentence
 * about care and nobody ("Refills in the portal") is general information however it is worded. An image
 * description or file name is about whoever is in the picture.
 */
function pointsAtSomeone(signals: ReadonlySet<string>, field: string, capitalsCount = true): boolean {
  if (field === 'alt' || field === 'file') return true;
  // A title's capitals are its style, not a name; a capital next to a number is as often a business's.
  const capitals = field === 'title' || !capitalsCount ? [] : ['capital'];
  return ['someone', 'they', 'you', 'i', 'relative', 'honorific', 'title', 'initials', ...capitals].some((signal) => signals.has(signal));
}

function wholeUnitType(analysis: Analysis, signals: ReadonlySet<string>): PhiType {
  const field = analysis.doc.field;
  if (field === 'alt' || field === 'file') return 'photo';
  return signals.has('quote') && (signals.has('i') || signals.has('someone')) ? 'testimonial' : 'story';
}

/** Adds to each finding the words of what it rests on, from its sentence's signals and what was found there. */
function explain(analysis: Analysis, units: readonly Unit[], found: readonly Candidate[], context: ScanContext): WeighedCandidate[] {
  const clusters = wordClusters();
  const bases = new Map<number, { basis: string[]; reply: boolean }>();
  return found.map((candidate) => {
    const index = unitOf(units, candidate.start);
    let explained = bases.get(index);
    if (!explained) {
      const unit = units[index]!;
      const signals = unitSignals(analysis.doc, unit, clusters, replyContextOf(analysis, context));
      const inUnit = analysis.found.filter((f) => f.start < unit.end && f.end > unit.start).map((f) => f.type);
      explained = { basis: basisOf(signals, inUnit, analysis.doc.field), reply: signals.has('reply2') && signals.has('you') };
      bases.set(index, explained);
    }
    return { ...candidate, basis: explained.basis, ...(explained.reply ? { reply: true } : {}) };
  });
}

function basisOf(signals: ReadonlySet<string>, found: readonly PhiType[], field: string): string[] {
  const has = (signal: string) => signals.has(signal);
  const who = found.includes('name')
    ? 'a person named'
    : has('honorific') || has('title')
      ? 'a person named by title'
      : has('initials')
        ? 'initials'
        : has('relative')
          ? 'a family member'
          : has('reply2') && has('you')
            ? 'the reviewer ("you")'
            : has('they') || has('you')
              ? 'a particular person'
              : undefined;
  return [...(who ? [who] : []), ...whatIsTold(signals, found, field)];
}

function whatIsTold(signals: ReadonlySet<string>, found: readonly PhiType[], field: string): string[] {
  const has = (signal: string) => signals.has(signal);
  const what = [
    has('care') || found.includes('story') ? 'their care or condition' : undefined,
    has('time') || has('date') || has('clock') || found.includes('date') ? 'when' : undefined,
    has('room') || found.some((t) => t === 'location' || t === 'address' || t === 'zip') ? 'where' : undefined,
    has('age') || found.includes('age') ? 'an age' : undefined,
    has('quote') || found.includes('testimonial') ? 'their words' : undefined,
    field === 'alt' || field === 'file' || found.includes('photo') ? 'a picture of them' : undefined,
  ];
  return what.filter((part): part is string => part !== undefined);
}

function engineView(analysis: Analysis, practice: Practice): EngineView {
  const { textCues, cues } = analysis;
  const postCues = [
    ...(textCues?.fiction ? ['fiction'] : []),
    ...(textCues?.staffCue ? ['staff'] : []),
    ...(textCues?.patient ? ['patient-text'] : []),
    ...(cues.personal ? ['personal'] : []),
    ...(cues.addressee ? ['addressee'] : []),
    ...(cues.staffOnly ? ['staff-only'] : []),
  ];
  const sets: [string, ReadonlySet<number> | undefined][] = [
    ['generic', textCues?.generic],
    ['scenario', textCues?.scenario],
    ['specific', textCues?.specific],
    ['person', textCues?.person],
    ['story-text', textCues?.story],
    ['personal', cues.personalSentences],
    ['story', cues.storySentences],
  ];
  return {
    found: analysis.found,
    mentions: analysis.mentions,
    postCues,
    sentenceCues: (si) => sets.filter(([, set]) => set?.has(si)).map(([name]) => name),
    practiceWords: practiceWordsOf(practice),
  };
}

const practiceWordCache = new WeakMap<Practice, ReadonlySet<string>>();

function practiceWordsOf(practice: Practice): ReadonlySet<string> {
  let words = practiceWordCache.get(practice);
  if (!words) {
    words = new Set([...practice.staffWords, ...practice.nameWords, ...practice.streetNames.flatMap((s) => s.split(' ')), ...practice.towns]);
    practiceWordCache.set(practice, words);
  }
  return words;
}
