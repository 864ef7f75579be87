/**
 * Web addresses, IP addresses and social handles. A URL is reported when it is personal
 * (a fund-raiser, a personal blog or profile, a site named after a person) or patient-specific
 * (a portal or chart path, a record id in the path or query), including under the practice's own
 * domain; public pages of the practice and of organisations are not.
 */
import { hostOf, isPracticeHost, isPracticeKey, type Practice } from '../practice.js';
import { matchesOf, sentenceAt } from '../document.js';
import { add, ORG_LIKE_RE, orgLikeName, slice, type ScanState } from './common.js';

/** Platforms whose paths (or subdomains) are one person's page. */
const PERSONAL_PLATFORMS: { host: RegExp; path?: RegExp; profile?: boolean }[] = [
  { host: /(?:^|\.)gofundme\.com$/, path: /^\/(?:f|c|u|p)\/[^/]+/ },
  { host: /(?:^|\.)gofund\.me$/, path: /^\/[^/]+/ },
  { host: /(?:^|\.)caringbridge\.org$/, path: /^\/(?:site|visit|public|s|ps)\/[^/]+/ },
  { host: /(?:^|\.)mealtrain\.com$/, path: /^\/(?:trains|tr)\/[^/]+|^\/[^/]{6,}/ },
  { host: /(?:^|\.)(?:takethemameal|lotsahelpinghands|givesendgo|spotfund|fundly|youcaring|giveforward|gogetfunding|fundrazr|mightycause|justgiving|helphopelive|plumfund|freshbooks)\.(?:com|org)$/, path: /^\/[^/]+/ },
  { host: /(?:^|\.)(?:facebook|fb|instagram|twitter|x|threads|tiktok|pinterest|snapchat|patreon|linktr|venmo|cash|paypal|about|flickr|vimeo)\.(?:com|net|ee|app|me)$/, path: /^\/(?:u\/|in\/|@|\$)?[^/?#]+/, profile: true },
  { host: /(?:^|\.)linkedin\.com$/, path: /^\/in\/[^/]+/, profile: true },
  { host: /(?:^|\.)youtube\.com$/, path: /^\/(?:@|c\/|user\/|channel\/)[^/]+/, profile: true },
  { host: /(?:^|\.)bsky\.app$/, path: /^\/profile\/[^/]+/, profile: true },
  { host: /(?:^|\.)medium\.com$/, path: /^\/@[^/]+/, profile: true },
  { host: /(?:^|\.)sites\.google\.com$/, path: /^\/view\/[^/]+/ },
];
/** Hosts where the first label is the person's own site. */
const PERSONAL_SUBDOMAIN_HOSTS =
  /^([a-z0-9-]+)\.(?:blogspot\.com|wordpress\.com|substack\.com|wixsite\.com|weebly\.com|tumblr\.com|squarespace\.com|carrd\.co|github\.io|webflow\.io|mystrikingly\.com|bsky\.social)$/;
const NON_PROFILE_SEGMENTS =
  /^(?:groups?|pages?|events?|watch|share|sharer|sharer\.php|hashtag|explore|search|help|login|signup|policies|privacy|about|legal|settings|home|reel|reels|stories|p|tv|status|intent|i|marketplace|gaming|fundraisers|donate|story\.php|permalink\.php|profile\.php|photo|photos|video|videos|media)$/i;

/** Path segments of a patient portal or chart. */
const PATIENT_SEGMENT = /^(?:portal|patients?|chart|charts|mychart|mrn|records?|medical-records|results|labs?|lab-results|visit-summary|visits?|encounters?|ehr|emr|appointments?|billing|statements?|invoices?|accounts?|members?|users?|profiles?)$/i;
const PATIENT_QUERY = /[?&](?:patient(?:_?id)?|pid|mrn|record(?:_?id)?|chart(?:_?id)?|member(?:_?id)?|acct|account(?:_?id)?|ssn|dob|user(?:_?id)?|uid|token|encounter(?:_?id)?|visit(?:_?id)?)=/i;

function idLikeSegment(seg: string): boolean {
  if (/^\d{4,}$/.test(seg)) return !/^(?:19|20)\d{2}$/.test(seg);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(seg)) return true;
  if (/^(?=.*\d)[0-9a-z]{8,}$/i.test(seg) && (seg.match(/\d/g) ?? []).length >= 4 && !/-/.test(seg)) return true;
  return false;
}

/** Is a URL patient-specific by its path or query (any host)? */
export function patientPath(path: string, query: string): boolean {
  if (PATIENT_QUERY.test(query)) return true;
  const segs = path.split('/').filter(Boolean).map((s) => decodeSafe(s));
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (idLikeSegment(s)) return true;
    if (PATIENT_SEGMENT.test(s) && i + 1 < segs.length && /^(?:me|view|\d|[a-z0-9_-]*\d)/i.test(segs[i + 1]!)) return true;
    if (/^(?:chart|charts|mychart|mrn|patient|patients)$/i.test(s) && i + 1 < segs.length) return true;
  }
  return false;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const PERSONAL_LABEL_WORDS =
  /(?:runs|run|walks|family|journey|story|strong|fight|fights|fund|hope|miracle|memorial|blog|life|diary|updates|recovery|baby|love|army|warrior|team|for|and|the)/;

function nameSlug(path: string, isFirstName: (w: string) => boolean, isSurname: (w: string) => boolean): boolean {
  for (const seg of path.split('/')) {
    const parts = decodeSafe(seg).toLowerCase().split(/[-_.+]+/).filter(Boolean);
    for (let i = 0; i + 1 < parts.length; i++) {
      if (isFirstName(parts[i]!) && isSurname(parts[i + 1]!)) return true;
    }
  }
  return false;
}

export function classifyUrl(
  url: string,
  practice: Practice,
  isFirstName: (w: string) => boolean,
  personalContext: boolean,
  isSurname: (w: string) => boolean = () => false,
): boolean {
  const raw = url.replace(/^(?:https?:\/\/)/i, '');
  const host = hostOf(raw);
  const rest = raw.slice(raw.toLowerCase().indexOf(host) + host.length).replace(/^:\d+/, '');
  const qIdx = rest.search(/[?#]/);
  const path = qIdx === -1 ? rest : rest.slice(0, qIdx);
  const query = qIdx === -1 ? '' : rest.slice(qIdx);
  if (!host) return false;
  if (isPracticeHost(practice, host)) return patientPath(path, query);
  if (/\.(?:gov|mil|edu|int)$/.test(host) || /\.gov\.[a-z]{2}$/.test(host)) return false;
  for (const p of PERSONAL_PLATFORMS) {
    if (!p.host.test(host)) continue;
    const m = p.path ? p.path.exec(path) : null;
    if (!m) return false;
    if (p.profile) {
      const user = m[0].replace(/^\/(?:u\/|in\/|@|\$|c\/|user\/|channel\/|profile\/)?/, '').replace(/^[@$]/, '');
      if (NON_PROFILE_SEGMENTS.test(user)) return false;
      if (isPracticeKey(practice, user)) return false;
      if (orgLikeName(user, isFirstName)) return false;
    }
    return true;
  }
  const sub = PERSONAL_SUBDOMAIN_HOSTS.exec(host);
  if (sub) return !isPracticeKey(practice, sub[1]!) && !ORG_LIKE_RE.test(sub[1]!);
  if (patientPath(path, query) && /(?:portal|chart|patient|mrn|record)/i.test(path + query)) return true;
  // A person's full name in the path: /obituaries/edith-larkin, /f/sofia-ramirez-t1d.
  if (nameSlug(path, isFirstName, isSurname)) return true;
  // A site named after a person: "carlarunsfordanny.org".
  const label = host.split('.').slice(0, -1).join('.').replace(/\.(?:example|co|com|org|net)$/, '').split('.').pop() ?? '';
  if (label.length >= 8 && (personalContext || !ORG_LIKE_RE.test(label))) {
    for (let k = Math.min(10, label.length - 3); k >= 4; k--) {
      if (isFirstName(label.slice(0, k))) {
        const remainder = label.slice(k);
        if (personalContext || PERSONAL_LABEL_WORDS.test(remainder)) return true;
        break;
      }
    }
  }
  return false;
}

const LINK_CUE =
  /\b(?:(?:his|her|their|[A-Z][a-z]+'s) (?:page|journey|blog|story|site|website|fundraiser|fund|updates|campaign|registry|meal train|profile)|follow (?:his|her|their)|donate|fund-?raiser|gofundme|meal train|caringbridge|updates on (?:him|her|them))\b/i;

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p.startsWith('0') && p !== '0'));
}

function isIPv6(s: string): boolean {
  if (!s.includes(':')) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = s.split(':').filter((g) => g.length > 0);
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  if (dbl.length === 2) return groups.length >= 2 && groups.length <= 7;
  return groups.length === 8;
}

export function recognizeUrls(state: ScanState): void {
  const { doc, practice, dicts, cues } = state;
  const isFirst = (w: string): boolean => dicts.first.has(w) && !dicts.nameWords.has(w) && !dicts.common.has(w);
  const staffWords = practice.staffWords;
  const isSurname = (w: string): boolean =>
    dicts.surnames.has(w) && !dicts.common.has(w) && !staffWords.has(w) && w.length >= 3;
  for (const u of doc.urls) {
    const url = doc.text.slice(u.start, u.end);
    let personal = classifyUrl(url, practice, isFirst, cues.personal, isSurname);
    if (!personal && cues.personal) {
      const s = sentenceAt(doc, u.start);
      const ctx = s ? slice(doc, s.start, u.start) : slice(doc, u.start - 80, u.start);
      const host = hostOf(url);
      if (
        LINK_CUE.test(ctx) &&
        !isPracticeHost(practice, host) &&
        !/\.(?:gov|mil|edu|int)$/.test(host)
      ) {
        personal = true;
      }
    }
    if (personal) add(state, 'url', u.start, u.end, 6);
  }
}

export function recognizeIps(state: ScanState): void {
  const { doc } = state;
  const text = doc.text;
  // An IPv4 address has dots, an IPv6 one colons: most texts have no room for either.
  for (const m of text.includes('.') ? matchesOf(/(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)/g, text) : []) {
    if (!isIPv4(m[0])) continue;
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (/(?:\bv|version\s?|ver\.?\s?)$/i.test(before)) continue;
    add(state, 'ip', m.index, m.index + m[0].length, 7);
  }
  for (const m of text.includes(':') ? matchesOf(/(?<![\w:])[0-9A-Fa-f]{0,4}(?::{1,2}[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g, text) : []) {
    const v = m[0];
    if (!isIPv6(v)) continue;
    // Clock times ("10:40:22") are not addresses: need a hex letter or "::" or eight groups.
    if (!/[a-f]/i.test(v) && !v.includes('::') && v.split(':').length < 8) continue;
    add(state, 'ip', m.index, m.index + v.length, 7);
  }
}

const FEDIVERSE_SUFFIX = /\.(?:bsky\.social)$/i;

export function isPersonalHandle(handle: string, practice: Practice, isFirstName: (w: string) => boolean): boolean {
  const h = handle.replace(/^@/, '').toLowerCase();
  const base = h.replace(FEDIVERSE_SUFFIX, '').replace(/@.*$/, '');
  if (practice.handles.has(h) || practice.handles.has(base)) return false;
  if (isPracticeKey(practice, base)) return false;
  const original = handle.replace(/^@/, '').replace(FEDIVERSE_SUFFIX, '').replace(/@.*$/, '');
  if (orgLikeName(original, isFirstName)) return false;
  // Staff members' own accounts.
  if (practice.staff.some((s) => s.last.length >= 4 && base.includes(s.last))) return false;
  return true;
}

export function recognizeHandles(state: ScanState): void {
  const { doc, practice, dicts } = state;
  const isFirst = (w: string): boolean => dicts.first.has(w);
  for (const h of doc.handles) {
    const v = doc.text.slice(h.start, h.end);
    if (/^@\d+$/.test(v)) continue; // "@ 10" style times are not handles
    if (isPersonalHandle(v, practice, isFirst)) add(state, 'handle', h.start, h.end, 6);
  }
  // Fediverse handles "@user@instance.social" were read as emails by the tokenizer.
  for (const e of doc.emails) {
    if (doc.text[e.start - 1] !== '@') continue;
    const v = doc.text.slice(e.start - 1, e.end);
    if (isPersonalHandle(v, practice, isFirst)) add(state, 'handle', e.start - 1, e.end, 7);
  }
}
