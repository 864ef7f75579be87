import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { blankAddresses, publishedTexts, sentencesOf, straighten } from './post-texts.js';

export const medicalAdvice = defineRule({
  meta: {
    id: 'compliance/medical-advice',
    severity: 'error',
    docs: {
      description: 'Telling readers to change their own medicine or treatment ("stop taking…", "double your dose", "you don\'t need antibiotics"); general guidance ("talk to your doctor before…") is fine.',
      why: "A post reaches people whose conditions nobody at the practice has seen. Telling them to stop, skip or change a medicine is advice only their own clinician can give, and following it can harm them. Say it as general information and send readers to their doctor or pharmacist.",
      url: docsUrl('compliance/medical-advice'),
    },
    messages: {
      advice: '"{{words}}" reads as medical advice for one person, which a post cannot give: say it as general information (e.g. "talk with your doctor before you change a medicine")',
    },
    cacheable: true,
  },
  checkPost({ post, report }) {
    for (const published of publishedTexts(post)) {
      for (const advice of adviceIn(published.text)) {
        report({
          messageId: 'advice',
          data: { words: advice.words },
          range: published.place(advice.start, advice.end),
          ...(published.network ? { network: published.network } : {}),
        });
      }
    }
  },
});

export interface Advice {
  words: string;
  start: number;
  end: number;
}

const MEDICINE =
  '(?:medications?|medicines?|meds|pills?|tablets?|doses?|dosage|prescriptions?|insulin|antibiotics?|antidepressants?|statins?|blood thinners?|inhalers?|steroids?|chemo(?:therapy)?|treatments?|birth control|(?:[a-z]+\\s+){1,2}(?:pills?|medicines?|medications?|meds))';
const DRUG =
  '(?:antibiotics?|an antibiotic|steroids?|prednisone|opioids?|statins?|aspirin|ibuprofen|acetaminophen|tylenol|advil|motrin|aleve|naproxen|metformin|amoxicillin|antidepressants?|sleeping pills|benadryl|melatonin)';
const YOU_SHOULD = '(?:you\\s+(?:should|must|need\\s+to|have\\s+to|ought\\s+to|can|could|may\\s+want\\s+to)\\s+)?';

const DIRECTIVES: RegExp[] = [
  // "stop taking your insulin", "quit using antibiotics"
  new RegExp(`\\b${YOU_SHOULD}(?:stop|quit|skip|cut\\s+back\\s+on|come\\s+off|go\\s+off|get\\s+off)\\s+(?:taking\\s+|using\\s+)(?:your\\s+|the\\s+)?${MEDICINE}\\b`, 'gi'),
  // "double your dose", "skip the pills", "lower your insulin"
  new RegExp(
    `\\b${YOU_SHOULD}(?:stop|quit|skip|halve|double|triple|increase|decrease|lower|raise|reduce|cut|change|adjust|switch|taper)\\s+(?:up\\s+|down\\s+|back\\s+)?(?:on\\s+)?(?:your|the|that|this)\\s+${MEDICINE}\\b`,
    'gi',
  ),
  // "take a double dose", "take an extra pill"
  /\b(?:take|use|give)\s+(?:an?\s+)?(?:double|extra|second|bigger|higher|larger|smaller|half)\s+(?:a\s+)?(?:doses?|pills?|tablets?|puffs?)\b/gi,
  // "you don't need antibiotics"
  new RegExp(`\\byou\\s+(?:probably\\s+|likely\\s+|really\\s+)?(?:don't|do\\s+not|dont|won't|will\\s+not|never)\\s+(?:really\\s+)?need\\s+(?:an?\\s+|any\\s+|your\\s+|the\\s+)?(?:${MEDICINE}|${DRUG}|surgery)\\b`, 'gi'),
  // "you should take ibuprofen", "you need to start antibiotics"
  new RegExp(`\\byou\\s+(?:should|must|need\\s+to|have\\s+to|ought\\s+to)\\s+(?:start\\s+|begin\\s+)?(?:taking\\s+|using\\s+|take\\s+|use\\s+|get\\s+|ask\\s+for\\s+)?(?:some\\s+)?${DRUG}\\b`, 'gi'),
];

// Sending the reader to a clinician makes it general guidance.
const REFERRAL =
  /\b(?:talk|speak|check|consult|ask|call|see|tell|contact|message)\s+(?:to\s+|with\s+)?(?:your|a|the|our)\s+(?:doctor|provider|pharmacist|nurse|clinician|physician|care\s+team|prescriber|health\s*care\s+provider)\b|\b(?:ask|call|tell|contact|message|see)\s+us\b|\bunless\s+your\s+(?:doctor|provider|pharmacist)\b|\bas\s+(?:prescribed|directed)\b|\byour\s+(?:doctor|provider|pharmacist)\s+(?:says|tells|told|advises|recommends)\b/i;
// "Don't stop taking your antibiotics early" is general advice to keep to a treatment.
const KEEP_TAKING = /\b(?:don't|do\s+not|never|can't|cannot|shouldn't|should\s+not|mustn't|must\s+not)\s+$/i;

/*
 * Every directive names a medicine, a drug, surgery or puffs, so holds one of these words: most
 * texts and sentences have none and skip the directives. Blanking addresses and straightening
 * apostrophes leave letters as they are, so the text as written can be asked first.
 */
const NAMES_TREATMENT =
  /medication|medicine|meds|pill|tablet|dose|dosage|prescription|insulin|antibiotic|antidepressant|statin|thinner|inhaler|steroid|chemo|treatment|birth|surgery|puff|prednisone|opioid|aspirin|ibuprofen|acetaminophen|tylenol|advil|motrin|aleve|naproxen|metformin|amoxicillin|benadryl|melatonin/i;

/** Second-person directives about a medicine or treatment, in sentences that do not send the reader to a clinician. */
export function adviceIn(text: string): Advice[] {
  if (!NAMES_TREATMENT.test(text)) return [];
  const words = straighten(blankAddresses(text));
  const found: Advice[] = [];
  for (const sentence of sentencesOf(words)) {
    const said = words.slice(sentence.start, sentence.end);
    if (!NAMES_TREATMENT.test(said) || REFERRAL.test(said)) continue;
    for (const pattern of DIRECTIVES) {
      for (const match of said.matchAll(pattern)) {
        if (KEEP_TAKING.test(said.slice(0, match.index))) continue;
        const start = sentence.start + match.index;
        if (found.some((f) => f.start < start + match[0].length && start < f.end)) continue;
        found.push({ words: text.slice(start, start + match[0].length), start, end: start + match[0].length });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
