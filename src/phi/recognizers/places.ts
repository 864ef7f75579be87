/**
 * Street addresses, named residences, towns and counties, ZIP codes. A street address is a
 * person's unless it is the practice's own or an event venue; a town, county, residence or ZIP
 * alone is reported only where it is tied to a person (a patient sentence, "lives in",
 * "a Millbrook mom", an attribution "— Kim R., Gahanna").
 */
import {
  BIG_PLACES,
  EVENT_CUE_RE,
  MONTHS,
  NOT_A_NAME,
  ORG_HEADS,
  PLACE_SUFFIX_RE,
  RESIDENCE_HEAD,
  STATE_ABBREVIATIONS,
  US_STATES,
  WEEKDAYS,
} from '../lexicon.js';
import { normalizeAddress } from '../practice.js';
import { firstTier } from './names.js';
import { matchesOf, sentenceAt } from '../document.js';
import { add, slice, type ScanState } from './common.js';

const SUFFIX =
  '(?:Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Way|Place|Pl|Parkway|Pkwy|Circle|Cir|Terrace|Ter|Highway|Hwy|Trail|Trl|Square|Sq|Bend|Run|Pike|Loop|Row|Crossing|Xing|Path|Alley|Point|Pt|Ridge|Hollow|Close|Crescent|Cres|Grove|Landing|Pass|Glen|Heights|Hts|Commons|View|Vista|Meadows?|Creek|Cove|Harbor|Plaza|Expressway|Expy|Freeway|Fwy|Route|Rte|Strasse|Straße|Gardens)';
const CAPWORD = "[A-Z][\\p{L}'’-]*";
const UNIT = `(?:,?\\s+(?:Apt|Apartment|Suite|Ste|Unit|#|Room|Rm|Fl|Floor|Lot|Bldg|Building)\\.?\\s*#?[A-Z0-9-]{1,6}\\b)?`;
const STREET_RE = new RegExp(
  `\\b\\d{1,6}[A-Z]?(?:-\\d{1,4})?\\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?\\s+)?(?:(?:${CAPWORD}|\\d{1,3}(?:st|nd|rd|th))\\s+){0,3}?(?:${CAPWORD}\\s+)?${SUFFIX}\\b\\.?${UNIT}`,
  'gu',
);
const STREET_NAME_RE = new RegExp(
  `\\b(?:on|at|off|along|near|of)\\s+((?:${CAPWORD}\\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Court|Ct|Way|Boulevard|Blvd|Circle|Cir|Place|Pike|Trail|Terrace|Bend|Parkway|Pkwy)\\b\\.?)`,
  'gu',
);
const RESIDENCE_RE = new RegExp(`((?:${CAPWORD}\\s+){1,4})(${RESIDENCE_HEAD.source.replace(/^\\b/, '')}|[Aa]pts\\b\\.?|[Aa]partments\\b|[Tt]railer [Pp]ark|[Mm]obile [Hh]ome [Pp]ark)`, 'gu');
const ADDRESS_INTRO_RE =
  /\b(?:(?:home |mailing |street |shipping |billing |her |his |my |their |new )?address(?:\s+(?:of|for)\s+[^,.\n]{1,40}?)?\s*(?:is|was|:)|(?:live|lives|lived|living|reside|resides|located|moved|moving) (?:at|to)|ship(?:ped)? to|mail(?:ed)? (?:it |them )?to|deliver(?:ed)? to|send (?:it |cards? |them )?to)\s+/gi;
const TOWN_STATE_ZIP_RE = new RegExp(
  `\\b((?:${CAPWORD}\\s+){0,2}${CAPWORD}),?\\s+(?:(${[...STATE_ABBREVIATIONS].map((s) => s.toUpperCase()).join('|')})|(${[...US_STATES].map((s) => s[0]!.toUpperCase() + s.slice(1)).join('|')}))\\.?,?\\s+(\\d{5}(?:-\\d{4})?)\\b`,
  'gu',
);
const ZIP_INTRO_RE = /\b(?:zip(?:\s*code)?|postal code|postcode|zipcode)(s?)\s*(?:is|was|of|:|#|,)?\s*(\d{5}(?:-\d{4})?|\d{3}\s\d{2}|\d{2}-\d{3}|\d{3,6}(?:-\d{3,4})?)(?![\w-])/gi;
const PREP_TOWN_RE = new RegExp(
  `\\b(from|in|of|near|to|lives in|living in|lived in|moved to|moving to|grew up in|native of|resident of|home in|back to|postcard from|visiting|outside|outside of|headed to|heading to|relocated to|retired to)\\s+((?:${CAPWORD}\\s+){0,2}${CAPWORD})`,
  'gu',
);
const TOWN_PERSON_RE = new RegExp(
  `\\b(?:[Aa]|[Aa]n|[Oo]ne|[Tt]his|[Oo]ur|[Tt]hat|[Tt]he)\\s+(${CAPWORD}(?:\\s+${CAPWORD})?|\\d{5})\\s+(?:mom|mother|dad|father|family|man|woman|teen|teenager|boy|girl|grandmother|grandfather|grandma|grandpa|senior|veteran|native|resident|couple|toddler|kid|student|athlete|teacher|nurse|farmer|patient|newborn|baby|gentleman|lady|widow|widower|retiree)\\b`,
  'gu',
);
const TOWN_PERSON_PREFILTER =
  /\b(?:mom|mother|dad|father|family|man|woman|teen|teenager|boy|girl|grandmother|grandfather|grandma|grandpa|senior|veteran|native|resident|couple|toddler|kid|student|athlete|teacher|nurse|farmer|patient|newborn|baby|gentleman|lady|widow|widower|retiree)\b/;
const COUNTY_RE = new RegExp(`\\b((?:${CAPWORD}\\s+){1,2}(?:County|Township|Twp\\.?|Parish|Borough))\\b`, 'gu');
const ROOM_RE = new RegExp(`((?:${CAPWORD}\\s+){0,3}${CAPWORD}),?\\s+(?:Room|Rm|Apt|Apartment|Unit|Bed|Suite|Ste)\\.?\\s*#?\\d{1,5}[A-Z]?\\b`, 'gu');
const LIVES_AT_RE = new RegExp(
  `\\b(?:lives|living|live|lived|home|room|apartment|apt|resident|residence|moved|moving|staying|stays|stay)\\s+(?:[a-z]+\\s+){0,2}?at\\s+((?:${CAPWORD}\\s+){0,3}${CAPWORD})`,
  'gu',
);
const NOT_PLACE = new Set(
  `the a an our your their his her my this that these those dr mr mrs ms st spanish english french german chinese vietnamese somali arabic russian korean japanese hindi nepali asl person persons remission labor labour treatment recovery rehab hospice care therapy school college class church practice network office clinic hospital town city county state area region community neighborhood home house`.split(
    ' ',
  ),
);

function isPlaceWord(state: ScanState, words: string, residenceVerb = false): boolean {
  const parts = words.split(/\s+/);
  const lower = parts.map((w) => w.toLowerCase().replace(/['’]s?$/, ''));
  const last = lower[lower.length - 1]!;
  if (lower.some((w) => NOT_PLACE.has(w))) return false;
  if (lower.every((w) => BIG_PLACES.has(w) || US_STATES.has(w))) return false;
  if (US_STATES.has(lower.join(' ')) || BIG_PLACES.has(lower.join(' '))) return false;
  if (lower.some((w) => NOT_A_NAME.has(w) && !PLACE_SUFFIX_RE.test(w[0]!.toUpperCase() + w.slice(1)))) return false;
  if (ORG_HEADS.has(last) && !/^(?:county|township|heights|springs|falls|village|city)$/.test(last)) return false;
  if (lower.some((w) => MONTHS.has(w) || WEEKDAYS.has(w))) return false;
  if (state.practice.nameWords.length && lower.every((w) => state.practice.nameWords.includes(w))) return false;
  // A capitalised ordinary word ("Therapy") is not a town; a person's name is reported as a name.
  if (parts.length === 1) {
    if (state.dicts.common.has(last)) return false;
    if (!residenceVerb && state.dicts.first.has(last) && !state.dicts.nameWords.has(last) && !state.dicts.surnames.has(last)) return false;
  } else if (lower.every((w) => state.dicts.common.has(w))) return false;
  // Already a name?
  return true;
}

const BLOCK_STREET = /^[ \t>]*(\d{1,6}\s+\p{Lu}[\p{L}'’.-]*(?:\s+[\p{L}'’.-]+){0,4}\s+\d{1,5}[A-Za-z]?\.?)[ \t]*$/u;
const BLOCK_UNIT = /^[ \t>]*((?:Suite|Ste|Apt|Apartment|Unit|Room|Fl|Floor)\.?\s*#?\d{1,5}[A-Za-z]?)[ \t]*$/i;
const BLOCK_ZIP_LINE = /^[ \t>]*(\p{Lu}[\p{L} .'’-]{1,40}?)\s+(\d{4,5}(?:-\d{3,4})?)[ \t]*$/u;

/** Lines of a postal address written as a block (a letterhead, a signature, a shipping label). */
function addressBlock(state: ScanState): void {
  const text = state.doc.words;
  const lines: { start: number; text: string }[] = [];
  let pos = 0;
  for (const l of text.split('\n')) {
    lines.push({ start: pos, text: l });
    pos += l.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const street = BLOCK_STREET.exec(lines[i]!.text);
    if (!street) continue;
    // A block: a unit, town or ZIP line follows within three lines.
    const tail = lines.slice(i + 1, i + 5);
    if (!tail.some((l) => BLOCK_UNIT.test(l.text) || BLOCK_ZIP_LINE.test(l.text))) continue;
    const add1 = (l: { start: number; text: string }, v: string, type: 'address' | 'zip'): void => {
      const off = l.start + l.text.indexOf(v);
      if (!state.out.some((c) => c.start < off + v.length && off < c.end && (c.type === 'address' || c.type === 'zip'))) add(state, type, off, off + v.length, 4);
    };
    if (!isPracticeStreet(state, street[1]!)) add1(lines[i]!, street[1]!, 'address');
    for (const l of tail) {
      const u = BLOCK_UNIT.exec(l.text);
      if (u && !/\b210\b/.test(u[1]!)) add1(l, u[1]!, 'address');
      const z = BLOCK_ZIP_LINE.exec(l.text);
      if (z && !state.practice.zips.has(z[2]!.slice(0, 5))) add1(l, z[2]!, 'zip');
    }
  }
}

function overlapsType(state: ScanState, start: number, end: number, types: string[]): boolean {
  return (
    state.out.some((c) => types.includes(c.type) && c.start < end && start < c.end) ||
    state.mentions.some((m) => (m.kind === 'staff' || m.kind === 'provider' || m.kind === 'official') && m.start < end && start < m.end)
  );
}

function isPracticeStreet(state: ScanState, street: string): boolean {
  const n = normalizeAddress(street).replace(/\b(?:suite|apartment|unit|room|floor)\b.*$/, '').trim();
  return state.practice.streets.some((p) => n === p || n.startsWith(p + ' ') || p.startsWith(n)) ||
    state.practice.streetNames.some((p) => n === p);
}

export function recognizePlaces(state: ScanState): void {
  const { doc, cues, practice } = state;
  const text = doc.words;
  const personalAt = (off: number): boolean => {
    const s = sentenceAt(doc, off);
    return s !== undefined && cues.personalSentences.has(s.index) && !cues.scenarioSentences.has(s.index);
  };
  const venueMemo = new Map<number, boolean>();
  const venueAt = (off: number): boolean => {
    const s = sentenceAt(doc, off);
    if (!s) return false;
    const cached = venueMemo.get(s.index);
    if (cached !== undefined) return cached;
    const v = venueOf(s);
    venueMemo.set(s.index, v);
    return v;
  };
  const venueOf = (s: { index: number; start: number; end: number }): boolean => {
    const st = slice(doc, s.start, s.end).replace(/\bpost office\b/gi, '');
    const prev = doc.sentences[s.index - 1];
    const prevText = prev ? slice(doc, prev.start, prev.end) : '';
    return EVENT_CUE_RE.test(st) || /^\W*(?:where|location|when|address)\s*:/i.test(prevText) || /\b(?:library|school|church|park|center|centre|hall|gym|market|building|campus|office|store|pharmacy|hospital|clinic|venue|booth|pavilion|arena|stadium|ymca|rec)\b/i.test(st);
  };
  const streets: { start: number; end: number }[] = [];
  const anyPersonal = cues.personal || cues.personalSentences.size > 0;

  // Street addresses with a number.
  const hasDigit = /\d/.test(text);
  if (hasDigit) for (const m of matchesOf(STREET_RE, text)) {
    const v = m[0].replace(/[.,]$/, '');
    const start = m.index;
    const end = start + v.length;
    // "Dr" after a number is a street only when followed by an end or a comma, not a name.
    if (/\bDr\.?$/.test(v) && /^\s+[A-Z][a-z]/.test(text.slice(end, end + 4))) continue;
    if (isPracticeStreet(state, v)) {
      streets.push({ start, end });
      continue;
    }
    if (cues.hypothetical) continue;
    if (venueAt(start) && !personalAt(start)) {
      streets.push({ start, end });
      continue;
    }
    add(state, 'address', start, end, 4);
    streets.push({ start, end });
    // Town after the street: "88 Juniper Court, Millbrook"
    const after = /^,?\s+((?:[A-Z][\p{L}'’-]*\s+){0,2}[A-Z][\p{L}'’-]*)\b(?!\s+(?:Suite|Ste|Apt|Unit)\b)/u.exec(text.slice(end, end + 50));
    if (after) {
      const town = after[1]!;
      const tStart = end + after[0].indexOf(town);
      if (isPlaceWord(state, town) && !STATE_ABBREVIATIONS.has(town.toLowerCase())) add(state, 'location', tStart, tStart + town.length, 3);
    }
  }

  // Military and unit boxes: "PSC 0413, Box 8144 APO AA 42323", "Unit 4719 Box 7394 DPO AP 70942".
  for (const m of /\b(?:PSC|CMR|Unit|APO|DPO|FPO)\b/i.test(text) ? matchesOf(/\b(?:(?:PSC|CMR|Unit)\s+\d{2,5},?\s+Box\s+\d{2,5}(?:\s*\n?\s*(?:APO|DPO|FPO)\s+(?:AA|AE|AP)\s+\d{5})?|(?:APO|DPO|FPO)\s+(?:AA|AE|AP)\s+\d{5})\b/gi, text) : []) {
    if (cues.hypothetical || overlapsType(state, m.index, m.index + m[0].length, ['address'])) continue;
    add(state, 'address', m.index, m.index + m[0].length, 4);
  }

  // An address block, one part a line: "20789 Allika 46 / Suite 501 / Riisa / Estonia 62488".
  if (text.includes('\n') && hasDigit) addressBlock(state);

  // PO boxes.
  for (const m of /box/i.test(text) ? matchesOf(/\b(?:P\.?\s?O\.?|Post Office)\s+Box\s+\d{1,6}\b/gi, text) : []) {
    if (cues.hypothetical || overlapsType(state, m.index, m.index + m[0].length, ['address'])) continue;
    add(state, 'address', m.index, m.index + m[0].length, 4);
  }

  // A named place with a room or unit: "Whispering Pines, Room 214".
  for (const m of anyPersonal && /\b(?:Room|Rm|Apt|Apartment|Unit|Bed|Suite|Ste)\b/.test(text) ? matchesOf(ROOM_RE, text) : []) {
    const start = m.index;
    const end = start + m[0].length;
    if (!personalAt(start) || cues.hypothetical) continue;
    if (overlapsType(state, start, end, ['address']) || isPracticeStreet(state, m[0])) continue;
    if (/^(?:Suite|Ste)\b/.test(m[0]) || /\b(?:Suite|Ste)\s*210\b/.test(m[0])) continue;
    add(state, 'address', start, end, 4);
  }

  // "lives at Heritage Oaks", "her living room at Heritage Oaks"
  for (const m of anyPersonal && / at [A-Z]/.test(text) ? matchesOf(LIVES_AT_RE, text) : []) {
    const v = m[1]!;
    const start = m.index + m[0].lastIndexOf(v);
    if (!personalAt(start) || cues.hypothetical) continue;
    if (overlapsType(state, start, start + v.length, ['address', 'name']) || isPracticeStreet(state, v)) continue;
    const low = v.toLowerCase();
    if (state.practice.nameWords.some((w) => low.startsWith(w)) || /\b(?:hospital|clinic|office|school|church|work)\b/.test(low)) continue;
    add(state, 'address', start, start + v.length, 4);
  }

  // "address is …" (free-form, needs a digit).
  for (const m of /\d/.test(text) ? matchesOf(ADDRESS_INTRO_RE, text) : []) {
    const start = m.index + m[0].length;
    const rest = text.slice(start, start + 90);
    const stop = rest.search(/(?:[.!?](?:\s|$)|\n\n|;|\s(?:and|but|so|if|when|for|because)\s)/);
    const v = (stop === -1 ? rest : rest.slice(0, stop)).replace(/[\s,]+$/, '');
    if (!/\d/.test(v) || v.length < 4) continue;
    if (state.out.some((c) => ['address', 'phone', 'email', 'url'].includes(c.type) && c.start < start + v.length && start < c.end)) continue;
    if (isPracticeStreet(state, v.split(',')[0]!)) continue;
    if (/^(?:\+?\d[\d\s().-]{6,})$/.test(v)) continue; // a phone number
    if (cues.hypothetical) continue;
    add(state, 'address', start, start + v.length, 4);
  }

  // Street names without a number, in a patient sentence: "at his door on Sycamore Lane".
  if (anyPersonal) for (const m of matchesOf(STREET_NAME_RE, text)) {
    const v = m[1]!.replace(/\.$/, '');
    const start = m.index + m[0].indexOf(v);
    if (overlapsType(state, start, start + v.length, ['address'])) continue;
    if (isPracticeStreet(state, v)) continue;
    if (!personalAt(start)) continue;
    add(state, 'address', start, start + v.length, 4);
  }

  // Named residences: Maple Grove Assisted Living, Whispering Pines Care Center.
  if (anyPersonal && /\b(?:Living|Care|Home|Center|Community|Village|Apartments|Manor|Estates|Towers|Commons|Residences?|Retirement|Shelter|Hospice|apts?|Park)\b/i.test(text)) for (const m of matchesOf(RESIDENCE_RE, text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!personalAt(start) && !cues.personal) continue;
    if (!personalAt(start)) {
      const st = slice(doc, sentenceAt(doc, start)?.start ?? start, end + 40);
      if (!/\b(?:lives?|living|resident|room|moved|moving|staying|stays|home|rehab|recovering)\b/i.test(st)) continue;
    }
    add(state, 'address', start, end, 4);
  }

  // Town, ST 12345
  const hasZip = /\d{5}/.test(text);
  if (hasZip) for (const m of matchesOf(TOWN_STATE_ZIP_RE, text)) {
    const town = m[1]!;
    const zip = m[4]!;
    const tStart = m.index;
    const zStart = m.index + m[0].lastIndexOf(zip);
    const practiceTown = practice.towns.has(town.toLowerCase());
    const practiceZip = practice.zips.has(zip.slice(0, 5));
    const nearStreet = streets.some((s) => s.end <= tStart && tStart - s.end < 60);
    const nearPracticeStreet = streets.some((s) => s.end <= tStart && tStart - s.end < 60 && isPracticeStreet(state, slice(doc, s.start, s.end)));
    if (practiceTown && practiceZip && (nearPracticeStreet || !nearStreet || !personalAt(tStart))) continue;
    if (cues.hypothetical) continue;
    if (!nearStreet && !personalAt(tStart) && venueAt(tStart)) continue;
    if (isPlaceWord(state, town) && !overlapsType(state, tStart, tStart + town.length, ['location'])) add(state, 'location', tStart, tStart + town.length, 3);
    add(state, 'zip', zStart, zStart + zip.length, 4);
  }

  // ZIP 43081-2207, "the patient from 43081"
  if (/\d{3}/.test(text)) for (const m of matchesOf(ZIP_INTRO_RE, text)) {
    const zip = m[2]!;
    const start = m.index + m[0].lastIndexOf(zip);
    if (overlapsType(state, start, start + zip.length, ['zip'])) continue;
    if (m[1] && !personalAt(start)) continue; // "ZIP codes 43081, 43082" (a service area)
    if (!personalAt(start) && practice.zips.has(zip.slice(0, 5))) continue;
    if (cues.hypothetical) continue;
    add(state, 'zip', start, start + zip.length, 4);
  }
  if (hasZip && anyPersonal) for (const m of matchesOf(/\b(?:from|in|of|near|lives in|living in)\s+(\d{5}(?:-\d{4})?)\b(?!\s*(?:%|people|patients|visits|shots|miles|steps|residents|families))/g, text)) {
    const zip = m[1]!;
    const start = m.index + m[0].lastIndexOf(zip);
    if (overlapsType(state, start, start + zip.length, ['zip'])) continue;
    if (!personalAt(start)) continue;
    add(state, 'zip', start, start + zip.length, 4);
  }

  // Towns and counties tied to a person.
  for (const m of TOWN_PERSON_PREFILTER.test(text) ? matchesOf(TOWN_PERSON_RE, text) : []) {
    const town = m[1]!;
    const start = m.index + m[0].indexOf(town);
    if (cues.hypothetical || cues.scenarioSentences.has(sentenceAt(doc, start)?.index ?? -1)) continue;
    if (/^\d{5}$/.test(town)) {
      if (!overlapsType(state, start, start + 5, ['zip'])) add(state, 'zip', start, start + 5, 4);
      continue;
    }
    if (!isPlaceWord(state, town)) continue;
    if (overlapsType(state, start, start + town.length, ['name', 'location'])) continue;
    add(state, 'location', start, start + town.length, 3);
  }
  if (anyPersonal) for (const m of matchesOf(COUNTY_RE, text)) {
    const v = m[1]!;
    const start = m.index;
    if (!personalAt(start)) continue;
    const lead = v.split(/\s+/)[0]!.toLowerCase();
    if (NOT_A_NAME.has(lead) && lead !== 'licking') {
      // "Public Health County" and the like are not a county name.
      if (!/^[A-Z]/.test(v)) continue;
    }
    const after = text.slice(start + v.length, start + v.length + 30);
    if (/^\s+(?:Public Health|Health|Board|Department|Dept|Commission|Sheriff|Court|Fair|Library|Schools?|Children)/.test(after)) continue;
    if (overlapsType(state, start, start + v.length, ['location', 'name'])) continue;
    add(state, 'location', start, start + v.length, 3);
  }
  for (const m of anyPersonal || /\b(?:lives?|living|lived|moved|moving|grew up|native|resident|relocated|retired)\b/i.test(text) ? matchesOf(PREP_TOWN_RE, text) : []) {
    const town = m[2]!;
    const start = m.index + m[0].lastIndexOf(town);
    const sent = slice(doc, sentenceAt(doc, start)?.start ?? 0, start);
    const origin = /^(?:from|in)$/i.test(m[1]!) && /\b(?:moved|moving|grew up|originally|raised|relocated|hometown|home town|native|born)\b/i.test(sent);
    if (!personalAt(start) && !origin && !/^(?:lives in|living in|lived in|moved to|moving to|grew up in|native of|resident of|relocated to|retired to)$/i.test(m[1]!)) continue;
    if (cues.hypothetical) continue;
    const residence = origin || /^(?:lives in|living in|lived in|moved to|moving to|grew up in|native of|resident of|relocated to|retired to)$/i.test(m[1]!);
    if (!isPlaceWord(state, town, residence)) continue;
    // Followed by an organisation head: "from Lincoln Middle", "at Millbrook General".
    const after = text.slice(start + town.length, start + town.length + 24);
    if (/^\s+(?:[A-Z][a-z]+\s+)?(?:School|Middle|High|Elementary|Academy|College|University|Hospital|General|Medical|Clinic|Center|Centre|Library|Park|Church|Kroger|Walmart|YMCA|Rec|Marathon|5K|Fair|Market|Mall|Airport|Station|Memorial)\b/.test(after)) continue;
    if (ORG_HEADS.has(town.split(/\s+/).pop()!.toLowerCase())) continue;
    if (overlapsType(state, start, start + town.length, ['location', 'address'])) continue;
    if (overlapsType(state, start, start + town.length, ['name'])) {
      // "from Worthington", "from Dublin, Ohio": a place, read as a name because it is also one.
      const same = state.out.filter((c) => c.type === 'name' && c.start < start + town.length && start < c.end);
      if (!/^(?:from|in|lives in|living in|lived in|moved to|moving to|grew up in|native of|resident of|relocated to|retired to|outside|outside of|near)$/i.test(m[1]!) || same.some((c) => c.start !== start || c.end !== start + town.length)) continue;
      if (!residence && firstTier(state.dicts, town.toLowerCase()) === 2 && !state.dicts.surnames.has(town.toLowerCase())) continue;
      state.out = state.out.filter((c) => !same.includes(c));
    }
    add(state, 'location', start, start + town.length, 3);
  }
  // After a person's name: "A. Petrakis, Hilliard."
  for (const c of [...state.out]) {
    if (c.type !== 'name') continue;
    const m = /^,\s*([A-Z][\p{L}'’-]*(?:\s+[A-Z][\p{L}'’-]*){0,1})(?=\s*(?:[.;!)]|$|\n))/u.exec(text.slice(c.end, c.end + 40));
    if (!m) continue;
    const town = m[1]!;
    const start = c.end + m[0].indexOf(town);
    if (STATE_ABBREVIATIONS.has(town.toLowerCase()) || !isPlaceWord(state, town)) continue;
    if (firstTier(state.dicts, town.toLowerCase()) > 0) continue;
    if (overlapsType(state, start, start + town.length, ['location', 'name', 'address'])) continue;
    add(state, 'location', start, start + town.length, 3);
  }
  // Attributions: "— Kim R., Gahanna"
  for (const c of [...state.out]) {
    if (c.type !== 'name') continue;
    const before = text.slice(Math.max(0, c.start - 4), c.start);
    if (!/[—–-]\s*$/.test(before)) continue;
    const m = /^\.?,\s*((?:[A-Z][\p{L}'’-]*\s+){0,2}[A-Z][\p{L}'’-]*)(?=\s*(?:$|\n|[.!)]|,|\s*[\p{Extended_Pictographic}]))/u.exec(text.slice(c.end, c.end + 40));
    if (!m) continue;
    const town = m[1]!;
    const start = c.end + m[0].indexOf(town);
    if (STATE_ABBREVIATIONS.has(town.toLowerCase()) || !isPlaceWord(state, town)) continue;
    if (/^(?:RN|NP|MD|PA|DO)$/.test(town)) continue;
    add(state, 'location', start, start + town.length, 3);
  }
}
