/**
 * Identifier numbers: medical record, Social Security (also the last four), account, health-plan
 * member, license, device serial and prescription numbers, vehicle plates. Found by a keyword
 * that introduces the number; a full SSN also by its shape alone.
 */
import type { PhiType } from '../types.js';
import { matchesOf, sentenceAt, type Doc } from '../document.js';
import { add, isOneDigitRepeated, type ScanState } from './common.js';

interface Keyword {
  type: PhiType;
  re: RegExp;
  /** Lowercase substrings one of which must occur for `re` to match (a cheap prefilter). */
  stems?: string[];
}

const KEYWORDS: Keyword[] = [
  {
    type: 'mrn',
    stems: ['mrn', 'm.r.n', 'record', 'med', 'chart', 'patient', 'hospital'],
    re: /\b(?:mrn|m\.r\.n\.?|medical[- ]record(?:s)?(?: number| no\.?| #| num)?|med(?:ical)? rec(?:ord)?\.?|chart|record (?:number|no\.?|#)|patient (?:id|number|no\.?|#)|hospital (?:number|no\.?|#)|health record (?:number|#))(?![\w-])/gi,
  },
  {
    type: 'ssn',
    stems: ['ssn', 'ss#', 's.s.n', 'social', 'tax id', 'tin', 'itin'],
    re: /\b(?:ssn|ss#|s\.s\.n\.?|social security(?: number| no\.?| #| card)?|social(?= (?:ending|number|#|no\b|is\b|was\b|of\b|:))|socials?(?=:)|tax id|tin|itin)(?![\w-])/gi,
  },
  {
    type: 'account',
    stems: ['acct', 'account', 'billing', 'invoice', 'statement', 'guarantor'],
    re: /\b(?:acct|accounts?|billing (?:id|number|#)|invoice|statement(?: (?:number|no\.?|#))?|guarantor (?:id|number|#))(?![\w-])/gi,
  },
  {
    type: 'member-id',
    stems: ['member', 'subscriber', 'policy', 'insurance', 'medicaid', 'medicare', 'mbi', 'plan', 'beneficiary'],
    re: /\b(?:member(?:ship)? (?:id|number|no\.?|#)|member id|subscriber (?:id|number|no\.?|#)|policy(?: number| no\.?| #| id)?|insurance (?:id|number|no\.?|#)|medicaid(?: id| number| no\.?| #)?|medicare(?: id| number| no\.?| #| beneficiary identifier)?|mbi|health[- ]?plan (?:id|number|#)|plan (?:id|member id)|beneficiary (?:id|number))(?![\w-])/gi,
  },
  {
    type: 'license',
    stems: ['licen', 'dl', 'd.l.', 'state id', 'passport', 'permit'],
    re: /\b(?:driver'?s'? licen[cs]e(?: number| no\.?| #)?|driving licen[cs]e|licen[cs]e(?: number| no\.?| #)?|dl ?#|d\.l\.|dln|state id(?: number| #)?|passport(?: number| no\.?| #)?|permit (?:number|no\.?|#))(?![\w-])/gi,
  },
  {
    type: 'device-id',
    stems: ['serial', 's/n', 'sn', 'device', 'udi', 'imei', 'mac address', 'implant', 'transmitter', 'sensor', 'pump', 'monitor', 'pacemaker', 'defibrillator', 'icd', 'meter', 'cgm', 'hearing aid', 'nebulizer', 'cpap', 'bipap', 'hub', 'tablet', 'phone'],
    re: /\b(?:serial(?: number| no\.?| #| num)?|s\/n|sn|device (?:id|serial|number|no\.?|#)|udi|imei|mac address|implant (?:id|number|card)|(?:transmitter|sensor|pump|monitor|implant|pacemaker|defibrillator|icd|device|meter|cgm|hearing aids?|nebulizer|cpap|bipap|hub|tablet|phone)\s*\(?(?:id|serial|sn|s\/n|#|no\.))(?![\w-])/gi,
  },
  {
    type: 'rx',
    stems: ['rx', 'prescription', 'script', 'refill'],
    re: /\b(?:rx|prescription(?: number| no\.?| #)?|script(?: number| no\.?| #)|refill (?:number|no\.?|#))(?![\w-])/gi,
  },
  {
    type: 'plate',
    stems: ['plate', 'tag', 'registration'],
    re: /\b(?:licen[cs]e plates?|plates?|plate number|tags?|registration(?: number| #)?)(?![\w-])/gi,
  },
];

/** Between the keyword and the number: "#", ":", "no.", "number", "ending in", "is", "(no." … */
const FILLER_RE =
  /^(?:[\s#:=(),.-]|no\b\.?|nos?\.|num(?:ber)?s?\b|is\b|was\b|of\b|as\b|listed\b|reads?\b|says?\b|shows?\b|ending(?: in| with)?\b|ends? (?:in|with)\b|last (?:four|4)(?: digits)?(?: of)?\b|digits\b|id\b|the\b|her\b|his\b|their\b|my\b|your\b)+/i;

/** An identifier token: letters and digits, possibly in groups ("YRH 448 910 227", "CV-000731-88"). */
const ID_RE = /[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){1,24}(?:(?: |-)(?:[A-Z]{1,4}|\d)[A-Z0-9]{0,11}){0,4}/iy;

/** All keyword stems in one pass: which identifier keywords can occur in a text. */
const STEM_TYPES = new Map<string, PhiType[]>();
for (const kw of KEYWORDS) for (const st of kw.stems ?? []) STEM_TYPES.set(st, [...(STEM_TYPES.get(st) ?? []), kw.type]);
const STEMS_RE = new RegExp(
  [...STEM_TYPES.keys()]
    .sort((a, b) => b.length - a.length)
    .map((st) => st.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|'),
  'g',
);

const LOOSE_TYPES = new Set<PhiType>(['mrn', 'account', 'member-id', 'license', 'rx', 'ssn', 'device-id']);

function sentenceEnd(doc: Doc, offset: number): number {
  const s = sentenceAt(doc, offset);
  return s && s.end > offset ? s.end : offset + 60;
}

/** "member ID as ZGP3300019542 in one system and ZGP330001954 in another": the same kind again. */
function sameShapeAfter(state: ScanState, type: PhiType, start: number, end: number): void {
  const text = state.doc.words;
  const tok = text.slice(start, end);
  const prefix = /^[A-Z]{2,}/.exec(tok)?.[0];
  const stop = Math.min(sentenceEnd(state.doc, end), end + 100);
  const seg = text.slice(end, stop);
  for (const m of matchesOf(/(?<![\w-])[A-Z0-9][A-Z0-9-]{3,}(?![\w-])/g, seg)) {
    const v = m[0];
    if ((v.match(/\d/g) ?? []).length < 4) continue;
    const similar = prefix ? v.startsWith(prefix) : /^\d[\d-]*$/.test(v) && Math.abs(v.length - tok.length) <= 2;
    if (similar) add(state, type, end + m.index, end + m.index + v.length, 7);
  }
}

/** "MRN 00000000", "123456789": a sample number shown to teach, not one person's. */
function isPlaceholder(token: string): boolean {
  const digits = token.replace(/\D/g, '');
  return isOneDigitRepeated(digits) || '1234567890'.startsWith(digits);
}

function looksLikeYear(s: string): boolean {
  return /^(?:19|20)\d{2}$/.test(s);
}

function acceptToken(type: PhiType, raw: string, keyword = ''): string | null {
  // Drop trailing groups that are ordinary words ("SP438271 and", "PETES TOW if you").
  const all = raw.split(/(?=[ ])/);
  const cut = all.findIndex((g, i) => i > 0 && /[a-z]/.test(g));
  const groups = cut === -1 ? all : all.slice(0, cut);
  const upperRaw = groups.join('');
  if (!/\d/.test(upperRaw)) {
    // Vanity plates: "PETES TOW".
    if (type === 'plate' && /plate/i.test(keyword) && /^[A-Z]{2,8}(?: [A-Z]{1,7})?$/.test(upperRaw) && upperRaw.replace(/ /g, '').length >= 4) return upperRaw;
    return null;
  }
  while (groups.length > 1 && !/\d/.test(groups[groups.length - 1]!)) groups.pop();
  let tok = groups.join('');
  // Lowercase words are not identifiers unless they carry digits.
  const digits = (tok.match(/\d/g) ?? []).length;
  const letters = (tok.match(/[A-Za-z]/g) ?? []).length;
  if (digits === 0) return null;
  if (/[a-z]/.test(tok) && !/^[a-z]{0,4}\d/i.test(tok)) return null;
  if (looksLikeYear(tok) || isPlaceholder(tok)) return null;
  if (type === 'plate') {
    const alnum = tok.replace(/[^A-Z0-9]/gi, '');
    if (alnum.length < 4 || alnum.length > 8) return null;
    if (letters === 0 && alnum.length < 5) return null;
    if (/[a-z]/.test(tok)) return null;
    return tok;
  }
  if (type === 'ssn') {
    if (digits < 4) return null;
    return tok;
  }
  if (digits < 4 && !(digits >= 3 && letters >= 2)) return null;
  return tok;
}

/** Identifier numbers in a media file name: MRN00482913-xray.png, …-patient-jsmith-48213.png. */
export function recognizeFileIds(state: ScanState, personalFile: boolean): void {
  const { doc } = state;
  const text = doc.text;
  const base = text.lastIndexOf('/') + 1;
  const name = text.slice(base);
  const TYPES: [RegExp, PhiType][] = [
    [/^(?:mrn|record)/i, 'mrn'],
    [/^(?:ssn)/i, 'ssn'],
    [/^(?:acct|account)/i, 'account'],
    [/^(?:rx)/i, 'rx'],
    [/^(?:member|mbr|policy)/i, 'member-id'],
    [/^(?:sn|serial)/i, 'device-id'],
  ];
  for (const m of matchesOf(/(?<![A-Za-z0-9])([A-Za-z]{2,7})[-_]?(\d{4,})(?![A-Za-z0-9])/g, name)) {
    const t = TYPES.find(([re]) => re.test(m[1]!) && m[1]!.length <= 7);
    if (t) add(state, t[1], base + m.index, base + m.index + m[0].length, 8);
  }
  if (!personalFile) return;
  for (const m of matchesOf(/(?<![A-Za-z0-9])\d{5,12}(?![A-Za-z0-9])/g, name)) {
    const v = m[0];
    if (/^(?:19|20)\d{6}$/.test(v) || /^(?:19|20)\d{2}$/.test(v)) continue; // dates and years
    add(state, 'mrn', base + m.index, base + m.index + v.length, 7);
  }
}

export function recognizeIds(state: ScanState): void {
  const { doc } = state;
  const text = doc.words;
  const lower = text.toLowerCase();
  const needed = new Set<PhiType>();
  STEMS_RE.lastIndex = 0;
  for (let m = STEMS_RE.exec(lower); m; m = STEMS_RE.exec(lower)) {
    for (const t of STEM_TYPES.get(m[0]) ?? []) needed.add(t);
  }
  for (const kw of KEYWORDS) {
    if (kw.stems && !needed.has(kw.type)) continue;
    for (const m of matchesOf(kw.re, text)) {
      const after = m.index + m[0].length;
      // Skip filler, then read the identifier.
      const rest = text.slice(after, after + 60);
      const f = FILLER_RE.exec(rest);
      let pos = after + (f ? f[0].length : 0);
      let found = tryToken(kw.type, text, pos, m[0]);
      if (!found) {
        // "driver's license for D. Farrell (no. SP438271)": a "no."/"#" marker later in the clause.
        const clause = text.slice(after, after + 60);
        const mk = /(?:\(no\.|\bno\.|#|\bend(?:s|ing) (?:in|with)|\blast (?:four|4)(?: digits)?(?: (?:is|are|of))?:?)\s*(?=[A-Z0-9])/i.exec(clause);
        const sentEnd = sentenceEnd(doc, after);
        if (mk && after + mk.index < sentEnd) {
          pos = after + mk.index + mk[0].length;
          found = tryToken(kw.type, text, pos, m[0]);
        }
      }
      if (!found && LOOSE_TYPES.has(kw.type)) {
        // "account number on Mr. Whitcomb's statement … it's 77104-003": the first long number
        // later in the same sentence.
        const sentEnd = Math.min(sentenceEnd(doc, after), after + 90);
        const seg = text.slice(after, sentEnd);
        const lm = /(?<![\w$.,/-])(?=[A-Z0-9 -]*\d[A-Z0-9 -]*\d[A-Z0-9 -]*\d[A-Z0-9 -]*\d[A-Z0-9 -]*\d)[A-Z0-9](?:[A-Z0-9-]|(?<=\d) (?=\d)){4,}(?![\w/])/.exec(seg);
        const lead = lm ? seg.slice(Math.max(0, lm.index - 12), lm.index) : '';
        const v = lm?.[0] ?? '';
        const shaped = /-/.test(v) || /[A-Z]/.test(v) || (v.match(/\d/g) ?? []).length >= 6;
        if (lm && shaped && !/\b(?:cpt|icd|code|codes|lot|model|version|v|form|page|step)\s*[-#:]?\s*$/i.test(lead) && !/[\d)]\s?[-.]?\s?$/.test(lead)) {
          const loose = tryToken(kw.type, text, after + lm.index, m[0]);
          if (loose) {
            add(state, kw.type, loose.start, loose.end, 6);
            sameShapeAfter(state, kw.type, loose.start, loose.end);
          }
          continue;
        }
      }
      if (found) {
        add(state, kw.type, found.start, found.end, 8);
        sameShapeAfter(state, kw.type, found.start, found.end);
      }
    }
  }
  // Full SSN by shape.
  if (/\d{3}-\d{2}-\d{4}/.test(text)) for (const m of matchesOf(/(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g, text)) {
    add(state, 'ssn', m.index, m.index + m[0].length, 9);
  }
}

function tryToken(type: PhiType, text: string, pos: number, keyword = ''): { start: number; end: number } | null {
  ID_RE.lastIndex = pos;
  const m = ID_RE.exec(text);
  if (!m) return null;
  // Not part of a longer word before it.
  if (pos > 0 && /[A-Za-z0-9]/.test(text[pos - 1]!)) return null;
  const tok = acceptToken(type, m[0], keyword);
  if (!tok) return null;
  // Billing and diagnosis codes are the same for everyone: not identifiers.
  if (/^(?:CPT|ICD|HCPCS|NDC|DRG|LOINC|SNOMED|HCC|CMS|E\/M)\b/i.test(tok)) return null;
  if (/\b(?:cpt|icd(?:-10)?|hcpcs|code|codes)\s*$/i.test(text.slice(Math.max(0, pos - 10), pos))) return null;
  // A phone number after "account"/"policy" is a phone number (the phone recogniser decides).
  if (/^(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]\d{3}[ .-]\d{4}$/.test(tok)) return null;
  // Money, percentages, doses, years with a suffix.
  const next = text.slice(pos + tok.length, pos + tok.length + 4);
  if (/^(?:%|\s?(?:mg|ml|mcg|lb|lbs|kg|oz|mph|am|pm|a\.m|p\.m)\b)/i.test(next)) return null;
  if (text[pos - 1] === '$') return null;
  return { start: pos, end: pos + tok.length };
}
