/**
 * Weighs what the recognisers found with the PHI model: each sentence gets the probability that it
 * discloses a patient. A name, a date or a place stands only in a sentence likely to disclose one; a
 * sentence likely to disclose one with nothing found in it is reported whole, as a story (a photo in an
 * image description or file name); an identifier such as a phone number stands unless its sentence is
 * very unlikely to be about a person.
 */
import type { Practice } from './practice.js';
import type { Candidate } from './recognizers/common.js';
import type { Analysis } from './analysis.js';
import type { PhiModel } from './model/classifier.js';
import { unitFeatures, unitsOf, type EngineView, type FeatureVector, type Unit } from './model/features.js';
import { wordClusters } from './model/clusters.js';
import type { PhiType } from './types.js';

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

export const POLICY: Policy = { keepStrong: 0.05, keepWeak: 0.35, add: 0.6 };

/** What the model reads of an analysis: the units of the text and their feature vectors. */
export function unitVectors(analysis: Analysis, practice: Practice): { units: Unit[]; vectors: FeatureVector[] } {
  const units = unitsOf(analysis.doc);
  const view = engineView(analysis, practice);
  const clusters = wordClusters();
  return { units, vectors: units.map((_, i) => unitFeatures(analysis.doc, units, i, view, clusters)) };
}

export function weigh(analysis: Analysis, model: PhiModel, practice: Practice, policy: Policy = POLICY): Candidate[] {
  const { units, vectors } = unitVectors(analysis, practice);
  return decide(analysis, units, vectors.map((v) => model.probability(v)), policy);
}

/** What stands of the candidates, and what is added, given each unit's probability. */
export function decide(analysis: Analysis, units: readonly Unit[], probability: readonly number[], policy: Policy): Candidate[] {
  const unitOf = (offset: number) => {
    const i = units.findIndex((u) => offset >= u.start && offset < u.end);
    return i === -1 ? units.findIndex((u) => offset < u.end) : i;
  };
  const kept = analysis.found.filter((found) => {
    const p = probability[unitOf(found.start)] ?? 0;
    return p >= (STRONG.has(found.type) ? policy.keepStrong : policy.keepWeak);
  });
  const covered = new Set(kept.map((found) => unitOf(found.start)));
  const added: Candidate[] = [];
  units.forEach((unit, i) => {
    if (covered.has(i) || probability[i]! < policy.add) return;
    added.push({ type: wholeUnitType(analysis), start: unit.start, end: unit.end });
  });
  return [...kept, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}

function wholeUnitType(analysis: Analysis): PhiType {
  const field = analysis.doc.field;
  return field === 'alt' || field === 'file' ? 'photo' : 'story';
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
