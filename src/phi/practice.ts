import { CREDENTIALS, HONORIFICS, PROVIDER_TITLES } from './lexicon.js';
import type { PracticeFacts } from './types.js';

/**
 * The practice allow-list, normalised once per scanner. Every check compares whole values:
 * a phone by its digits, an email case-insensitively, a website by host (public pages only),
 * a staff member by full name. Parts of a value (a staff first name, the practice ZIP or town,
 * a patient path under the practice domain) are not allowed by it.
 */
export interface StaffMember {
  first: string;
  last: string;
  /** Lowercase words of the name without titles or credentials. */
  words: string[];
}

export interface Practice {
  phoneDigits: ReadonlySet<string>;
  emails: ReadonlySet<string>;
  emailDomains: ReadonlySet<string>;
  hosts: ReadonlySet<string>;
  handles: ReadonlySet<string>;
  staff: StaffMember[];
  staffFirst: ReadonlySet<string>;
  staffLast: ReadonlySet<string>;
  /** Every lowercase word of every staff name. */
  staffWords: ReadonlySet<string>;
  /** Lowercase words of the practice name ("cedar", "valley", "family", "health"). */
  nameWords: string[];
  /** Lowercase practice name squeezed ("cedarvalleyfamilyhealth") and its distinctive prefix ("cedarvalley"). */
  nameKeys: string[];
  /** Normalised street lines ("4100 brookside parkway"). */
  streets: string[];
  /** Street names without number ("brookside parkway"). */
  streetNames: string[];
  zips: ReadonlySet<string>;
  towns: ReadonlySet<string>;
  /** Matches the practice name (and its first two words, "Cedar Valley"), case-insensitively. */
  nameRe: RegExp | null;
}

/** Blanks the practice's name out of a text (same length), so its words ("Family") are not read as cues. */
export function blankPracticeName(p: Practice, text: string): string {
  if (!p.nameRe) return text;
  p.nameRe.lastIndex = 0;
  return text.replace(p.nameRe, (m) => ' '.repeat(m.length));
}

export function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

/** Last ten digits (drops a leading US country code). */
export function phoneKey(s: string): string {
  const d = digitsOf(s);
  return d.length > 10 ? d.slice(-10) : d;
}

export function hostOf(url: string): string {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#:\s]+)/i.exec(url.trim());
  return (m?.[1] ?? '').toLowerCase().replace(/^www\./, '');
}

const STREET_ABBR: Record<string, string> = {
  st: 'street', str: 'street', ave: 'avenue', av: 'avenue', rd: 'road', blvd: 'boulevard', dr: 'drive',
  ln: 'lane', ct: 'court', pkwy: 'parkway', pky: 'parkway', hwy: 'highway', pl: 'place', cir: 'circle',
  ter: 'terrace', trl: 'trail', sq: 'square', ste: 'suite', apt: 'apartment', n: 'north', s: 'south',
  e: 'east', w: 'west', mt: 'mount', ft: 'fort',
};

/** Lowercase, punctuation removed, street abbreviations expanded. */
export function normalizeAddress(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((w) => STREET_ABBR[w] ?? w)
    .join(' ');
}

function personWords(full: string): string[] {
  return full
    .replace(/,/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/\.$/, ''))
    .filter((w) => w.length > 0)
    .filter((w) => {
      const l = w.toLowerCase();
      if (HONORIFICS.has(l) || PROVIDER_TITLES.has(l)) return false;
      if (CREDENTIALS.has(l) || CREDENTIALS.has(l.replace(/\./g, ''))) return false;
      if (/^[A-Z][A-Z.-]+$/.test(w) && w.length <= 6) return false; // NP, RN, PA-C
      return true;
    })
    .map((w) => w.toLowerCase());
}

export function buildPractice(facts: PracticeFacts): Practice {
  const phoneDigits = new Set((facts.phones ?? []).map(phoneKey).filter((d) => d.length >= 7));
  const emails = new Set((facts.emails ?? []).map((e) => e.trim().toLowerCase()));
  const hosts = new Set((facts.websites ?? []).map(hostOf).filter(Boolean));
  const emailDomains = new Set([...emails].map((e) => e.split('@')[1] ?? '').filter(Boolean));
  for (const h of hosts) emailDomains.add(h);
  const handles = new Set(
    (facts.handles ?? []).map((h) => h.trim().replace(/^@/, '').toLowerCase()).filter(Boolean),
  );
  const staff: StaffMember[] = [];
  for (const s of facts.staff ?? []) {
    const words = personWords(s);
    if (words.length === 0) continue;
    staff.push({ first: words[0]!, last: words[words.length - 1]!, words });
  }
  const staffFirst = new Set(staff.filter((s) => s.words.length > 1).map((s) => s.first));
  const staffLast = new Set(staff.map((s) => s.last));
  const nameWords = (facts.name ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const nameKeys: string[] = [];
  if (nameWords.length) {
    nameKeys.push(nameWords.join(''));
    if (nameWords.length >= 2) nameKeys.push(nameWords.slice(0, 2).join(''));
  }
  for (const h of hosts) nameKeys.push(h.split('.')[0]!);
  for (const h of handles) nameKeys.push(h.replace(/[^a-z0-9]/g, ''));
  const streets: string[] = [];
  const streetNames: string[] = [];
  const zips = new Set<string>();
  const towns = new Set<string>();
  for (const a of facts.addresses ?? []) {
    const parts = a.split(',').map((p) => p.trim());
    const line = parts[0] ?? '';
    const n = normalizeAddress(line);
    if (n) streets.push(n);
    const name = n.replace(/^\d+[a-z]?\s+/, '');
    if (name && name !== n) streetNames.push(name);
    for (const z of a.match(/\b\d{5}(?:-\d{4})?\b/g) ?? []) zips.add(z.slice(0, 5));
    // Town: the part before "ST 12345" or the second-to-last comma part.
    for (const p of parts.slice(1)) {
      if (/^(?:suite|ste|apt|unit|#|room|floor)\b/i.test(p)) continue;
      if (/^[A-Z]{2}\s+\d{5}/.test(p) || /\d{5}/.test(p)) continue;
      towns.add(p.toLowerCase());
      break;
    }
  }
  const esc = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const nameAlts: string[] = [];
  if (nameWords.length) nameAlts.push(nameWords.map(esc).join('[\\s-]+'));
  if (nameWords.length > 2) nameAlts.push(nameWords.slice(0, 2).map(esc).join('[\\s-]+'));
  const nameRe = nameAlts.length ? new RegExp(`\\b(?:${nameAlts.join('|')})\\b`, 'gi') : null;
  return {
    staffWords: new Set(staff.flatMap((m) => m.words)),
    nameRe,
    phoneDigits,
    emails,
    emailDomains,
    hosts,
    handles,
    staff,
    staffFirst,
    staffLast,
    nameWords,
    nameKeys: nameKeys.filter((k) => k.length >= 4),
    streets,
    streetNames,
    zips,
    towns,
  };
}

export function isPracticeHost(p: Practice, host: string): boolean {
  const h = host.toLowerCase().replace(/^www\./, '');
  for (const ph of p.hosts) if (h === ph || h.endsWith('.' + ph)) return true;
  return false;
}

/** True when `key` (lowercase letters/digits only) is the practice's name, domain or handle. */
export function isPracticeKey(p: Practice, key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!k) return false;
  return p.nameKeys.some((n) => k === n || k.startsWith(n));
}
