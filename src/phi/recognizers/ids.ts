/**
 * Identifier numbers: medical record, Social Security (also the last four), account, health-plan
 * member, license, device serial and prescription numbers, vehicle plates. Found by a keyword
 * that introduces the number; a full SSN also by its shape alone.
 */
import type { PhiType } from '../types.js';
import { add, type ScanState } from './common.js';

interface Keyword {
  type: PhiType;
  re: RegExp;
}

const KEYWORDS: Keyword[] = [
  {
    type: 'mrn',
    re: /\b(?:mrn|m\.r\.n\.?|medical[- ]record(?:s)?(?: number| no\.?| #| num)?|med(?:ical)? rec(?:ord)?\.?|chart|record (?:number|no\.?|#)|patient (?:id|number|no\.?|#)|hospital (?:number|no\.?|#)|health record (?:number|#))(?![\w-])/gi,
  },
  {
    type: 'ssn',
    re: /\b(?:ssn|ss#|s\.s\.n\.?|social security(?: number| no\.?| #| card)?|social(?= (?:ending|number|#|no\b|is\b|was\b|of\b|:))|socials?(?=:)|tax id|tin|itin)(?![\w-])/gi,
  },
  {
    type: 'account',
    re: /\b(?:acct|accounts?|billing (?:id|number|#)|invoice|statement (?:number|no\.?|#)|guarantor (?:id|number|#))(?![\w-])/gi,
  },
  {
    type: 'member-id',
    re: /\b(?:member(?:ship)? (?:id|number|no\.?|#)|member id|subscriber (?:id|number|no\.?|#)|policy(?: number| no\.?| #| id)?|insurance (?:id|number|no\.?|#)|medicaid(?: id| number| no\.?| #)?|medicare(?: id| number| no\.?| #| beneficiary identifier)?|mbi|health[- ]?plan (?:id|number|#)|plan (?:id|member id)|beneficiary (?:id|number))(?![\w-])/gi,
  },
  {
    type: 'license',
    re: /\b(?:driver'?s'? licen[cs]e(?: number| no\.?| #)?|driving licen[cs]e|licen[cs]e(?: number| no\.?| #)?|dl ?#|d\.l\.|dln|state id(?: number| #)?|passport(?: number| no\.?| #)?|permit (?:number|no\.?|#))(?![\w-])/gi,
  },
  {
    type: 'device-id',
    re: /\b(?:serial(?: number| no\.?| #| num)?|s\/n|sn|device (?:id|serial|number|no\.?|#)|udi|imei|mac address|implant (?:id|number|card))(?![\w-])/gi,
  },
  {
    type: 'rx',
    re: /\b(?:rx|prescription(?: number| no\.?| #)?|script(?: number| no\.?| #)|refill (?:number|no\.?|#))(?![\w-])/gi,
  },
  {
    type: 'plate',
    re: /\b(?:licen[cs]e plates?|plates?|plate number|tags?|registration(?: number| #)?)(?![\w-])/gi,
  },
];

/** Between the keyword and the number: "#", ":", "no.", "number", "ending in", "is", "(no." … */
const FILLER_RE =
  /^(?:[\s#:=(),.-]|no\b\.?|nos?\.|num(?:ber)?s?\b|is\b|was\b|of\b|reads?\b|says?\b|shows?\b|ending(?: in)?\b|ends? in\b|last (?:four|4)(?: digits)?(?: of)?\b|digits\b|id\b|the\b|her\b|his\b|their\b|my\b|your\b)+/i;

/** An identifier token: letters and digits, possibly in groups ("YRH 448 910 227", "CV-000731-88"). */
const ID_RE = /[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){1,24}(?:(?: |-)(?:[A-Z]{1,4}|\d)[A-Z0-9]{0,11}){0,4}/iy;

function looksLikeYear(s: string): boolean {
  return /^(?:19|20)\d{2}$/.test(s);
}

function acceptToken(type: PhiType, raw: string): string | null {
  // Trim trailing groups that are words rather than identifier groups ("SP438271 and").
  let tok = raw;
  const groups = tok.split(/(?=[ ])/);
  while (groups.length > 1 && !/\d/.test(groups[groups.length - 1]!)) groups.pop();
  tok = groups.join('');
  // Lowercase words are not identifiers unless they carry digits.
  const digits = (tok.match(/\d/g) ?? []).length;
  const letters = (tok.match(/[A-Za-z]/g) ?? []).length;
  if (digits === 0) return null;
  if (/[a-z]/.test(tok) && !/^[a-z]{0,4}\d/i.test(tok)) return null;
  if (looksLikeYear(tok)) return null;
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

export function recognizeIds(state: ScanState): void {
  const { doc } = state;
  const text = doc.words;
  for (const kw of KEYWORDS) {
    kw.re.lastIndex = 0;
    for (const m of text.matchAll(kw.re)) {
      const after = m.index + m[0].length;
      // Skip filler, then read the identifier.
      const rest = text.slice(after, after + 60);
      const f = FILLER_RE.exec(rest);
      let pos = after + (f ? f[0].length : 0);
      let found = tryToken(kw.type, text, pos);
      if (!found) {
        // "driver's license for D. Farrell (no. SP438271)": a "no."/"#" marker later in the clause.
        const clause = text.slice(after, after + 40);
        const mk = /(?:\(no\.|\bno\.|#)\s*(?=[A-Z0-9])/i.exec(clause);
        if (mk && !/[.!?]\s/.test(clause.slice(0, mk.index))) {
          pos = after + mk.index + mk[0].length;
          found = tryToken(kw.type, text, pos);
        }
      }
      if (found) add(state, kw.type, found.start, found.end, 8);
    }
  }
  // Full SSN by shape.
  for (const m of text.matchAll(/(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])/g)) {
    add(state, 'ssn', m.index, m.index + m[0].length, 9);
  }
}

function tryToken(type: PhiType, text: string, pos: number): { start: number; end: number } | null {
  ID_RE.lastIndex = pos;
  const m = ID_RE.exec(text);
  if (!m) return null;
  // Not part of a longer word before it.
  if (pos > 0 && /[A-Za-z0-9]/.test(text[pos - 1]!)) return null;
  const tok = acceptToken(type, m[0]);
  if (!tok) return null;
  // A phone number after "account"/"policy" is a phone number (the phone recogniser decides).
  if (/^(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]\d{3}[ .-]\d{4}$/.test(tok)) return null;
  // Money, percentages, doses, years with a suffix.
  const next = text.slice(pos + tok.length, pos + tok.length + 4);
  if (/^(?:%|\s?(?:mg|ml|mcg|lb|lbs|kg|oz|mph|am|pm|a\.m|p\.m)\b)/i.test(next)) return null;
  if (text[pos - 1] === '$') return null;
  return { start: pos, end: pos + tok.length };
}
