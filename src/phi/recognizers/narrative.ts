/**
 * Patient stories (a narrated real case, named or not), testimonials (a patient's own words of
 * praise or experience) and photos/videos of patients (in captions, alt text and file names).
 * Generic statements, hypothetical or composite cases, staff quotes and stock images are not.
 */
import { HEALTH_EVENT_RE } from '../lexicon.js';
import { blankPracticeName } from '../practice.js';
import { matchesOf, sentenceAt, type Sentence } from '../document.js';
import { add, slice, type ScanState } from './common.js';

const QUOTE_RE = /["“]([^"“”\n]{10,600})["”]|(?<![\p{L}])['‘]([^'‘’\n]{20,400})['’](?![\p{L}])/gu;
const FIRST_PERSON = /(?:^|[^\p{L}'’])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|my|My|me|myself)(?![\p{L}'’])/u;
const PRAISE =
  /\b(?:thank|thanks|saved|listened|listens|caught|best|recommend|love|loved|amazing|wonderful|caring|kind|kindness|felt|feel|helped|help|changed my life|life back|never felt|rushed|hero|grateful|figured out|took the time|takes the time|explained|trust|comfortable|remember(?:s|ed)?|compassion\w*|angel|incredible|great|excellent|stars?|always|care|cared|patient with me|treated me|made me|got me|fixed|diagnosed|understood|heard)\b/i;
const LEAD_CUE =
  /\b(?:patients?(?: said| says| wrote| told| shared| review)|review(?:s|ed|er)?|testimonials?|★|⭐|five[- ]stars?|5[- ]stars?|you answered|in (?:your|their) (?:own )?words|what (?:our )?patients (?:say|said|are saying)|hear from|from (?:a|one of our) patients?|thank-you (?:note|card)|note from|card from|letter from|message from|wrote us|told us|said|says|shared|feedback|kind words|nice words|sweet (?:note|words|message|card)|(?:a|one|our) (?:patient|mom|dad|family|daughter|son|wife|husband) (?:wrote|said|told|shared|sent)|(?:mom|dad|mother|father|wife|husband|daughter|son|family|parents?|grandma|grandpa) of (?:a|one of our|our)|from (?:a|the|one) (?:mom|dad|family|patient|parent))\b/i;
const STAFF_ATTRIBUTION =
  /^\s*(?:[—–-]{1,2}\s*|,?\s*(?:says|said|writes|wrote|shares|shared|explains|explained|adds|added|notes|noted)\s+)(?:(?:our|the)\s+)?(?:Dr\b|Doctor|Nurse|NP\b|RN\b|PA\b|team|staff|front desk|office|provider|physician|clinician|she\b|he\b|they\b|we\b)/i;

function staffNamed(state: ScanState, text: string): boolean {
  const low = text.toLowerCase();
  return state.practice.staff.some((s) => low.includes(`${s.first} ${s.last}`) || (s.last.length > 3 && new RegExp(`\\b(?:dr\\.?|nurse)\\s+${s.last}\\b`).test(low)));
}

export function recognizeTestimonials(state: ScanState): void {
  const { doc, cues } = state;
  if (cues.hypothetical) return;
  const text = doc.words;
  // Whether the post introduces a review anywhere: asked only when a quote could need it.
  let postLead: boolean | undefined;
  const isPostLead = (): boolean => (postLead ??= LEAD_CUE.test(text));
  for (const m of matchesOf(QUOTE_RE, text)) {
    const inner = m[1] ?? m[2] ?? '';
    const start = m.index;
    const end = start + m[0].length;
    if (/\?\s*$/.test(inner)) continue; // a question, not a testimonial
    const firstPerson = FIRST_PERSON.test(inner);
    const thanks = /\b(?:thank you|thanks|thank-you)\b/i.test(inner);
    const after = doc.text.slice(end, end + 80);
    const s = sentenceAt(doc, start);
    const lineStart = text.lastIndexOf('\n', start) + 1;
    const before = text.slice(Math.max(lineStart, (s?.start ?? start) - 120), start);
    // Who said it? The words after a dash or "says".
    const attr = /^\s*(?:[—–-]{1,2}|,?\s*(?:says|said|writes|wrote|shares|shared|explains|explained|adds|added|notes|noted))\s*([^\n,;(]{0,40})/i.exec(after);
    const who = attr?.[1] ?? '';
    if (STAFF_ATTRIBUTION.test(after) || (who && staffNamed(state, who)) || (who && /^(?:dr\b|doctor|nurse)/i.test(who))) continue;
    if (/\b(?:dr\.?|nurse)\s+\w+\s+(?:says|said|writes|wrote|explains|shares)\s*:?\s*$/i.test(before)) continue;
    if (staffNamed(state, before.slice(-40)) && /\b(?:says|said|writes|wrote|explains|shares|asks)\s*:?\s*$/i.test(before)) continue;
    // Attributed to a person: a first name, initials, a handle, "a patient", "one mom", Mrs. X.
    const w0 = who.trim().split(/[\s.,]+/)[0] ?? '';
    const attributed =
      attr !== null &&
      (/^@\w/.test(who.trim()) ||
        /^(?:[A-Z]\.\s?){1,3}/.test(who.trim()) ||
        /^(?:a|an|one|our|this)\s+(?:\w+\s+)?(?:patient|mom|dad|mother|father|family|daughter|son|wife|husband|grandma|grandpa|parent|reviewer)\b/i.test(who.trim()) ||
        /^(?:Mrs?|Ms|Mx|Miss)\b/.test(who.trim()) ||
        (w0.length > 1 && /^[A-Z]/.test(w0) && state.dicts.first.has(w0.toLowerCase())));
    if (cues.staffOnly && !attributed) continue;
    const lead = LEAD_CUE.test(before);
    const praise = PRAISE.test(inner);
    const aboutPractice =
      /\b(?:dr\.?|doctor|doctors|nurse|nurses|staff|team|office|practice|clinic|everyone here|front desk|y'all|you guys|you all)\b/i.test(inner) ||
      staffNamed(state, inner) ||
      state.practice.staff.some((m) => new RegExp(`\\b${m.first}\\b`, 'i').test(inner));
    const plural = /\b(?:we|our|us)\b/i.test(inner);
    if ((attributed && (firstPerson || thanks || (praise && aboutPractice))) || (lead && plural && !cues.staffOnly) || (lead && (firstPerson || thanks || praise)) || ((firstPerson || thanks) && praise && (isPostLead() || cues.personal))) {
      add(state, 'testimonial', start, end, 2);
    }
  }
  // Unquoted reviews: "★★★★★ Best doctor I've ever had."
  if (/★|⭐{2,}|\b(?:five|5)[- ]stars?\b|\b(?:google|yelp|facebook) review\b/i.test(text)) {
    for (const sent of doc.sentences) {
      const st = slice(doc, sent.start, sent.end);
      if (FIRST_PERSON.test(st) && PRAISE.test(st) && !/\?\s*$/.test(st)) add(state, 'testimonial', sent.start, sent.end, 2);
    }
  }
}

export function recognizeStories(state: ScanState): void {
  const { doc, cues } = state;
  for (const si of cues.storySentences) {
    const s = doc.sentences[si];
    if (!s) continue;
    add(state, 'story', s.start, s.end, 1);
  }
}

const PHOTO_WORDS =
  /📸|📷|🎥|📹|🤳|\b(?:photos?|pics?|pictures?|videos?|selfies?|snapshots?|snaps?|clips?|footage|pictured|posing|posed|captured on camera|that face when|swipe (?:to see|left|through)|say cheese|smile for the camera|in this (?:photo|picture|video|shot)|caption (?:contest|this)|here['’]?s (?:our )?(?:little |sweet |brave |newest |favorite |favourite )?(?:patient|guy|girl|boy|one|friend|superstar|champ|buddy|warrior)|look at (?:this|that) (?:smile|face|grin))\b/iu;
const PERSON_IN_ALT =
  /\b(?:woman|man|boy|girl|child|baby|infant|toddler|teen|teenager|teenage|patient|family|mother|father|mom|dad|grandmother|grandfather|grandma|grandpa|older (?:adult|woman|man|gentleman|lady)|elderly|couple|kid|kids|newborn|twins|son|daughter|student|athlete|player|gentleman|lady|children)\b/i;
const SCENE_IN_ALT =
  /\b(?:birthday|candles|balloons|cast|sling|splint|brace|wheelchair|walker|crutches|hospital bed|hospital gown|gown|bandage|stitches|scar|x-?ray|iv|oxygen|cannula|thumbs-up|thumbs up|certificate|diploma|medal|sign (?:that )?(?:reads|reading|says)|banner|discharge|last day|first day|first steps|weigh-in|on the scale|bell|ringing|celebrat\w+|graduation|milestone|before and after|before-and-after|insulin pump|glucose monitor|incubator|nicu|recovery|rehab|physical therapy|holding (?:a|her|his|their) (?:sign|certificate|baby|newborn)|blowing out)\b/i;
const STOCK_ALT =
  /\b(?:illustration|illustrated|infographic|graphic|cartoon|drawing|icon|icons|stock|model|models|mannequin|figures|clip ?art|diagram|chart|sample|made-up|mock-?up|silhouette|logo|poster|flyer|animation|animated|empty|no people|generic|actor|actors)\b/i;

export function recognizePhotos(state: ScanState): void {
  const { doc, cues } = state;
  if (cues.hypothetical) return;
  if (doc.field === 'alt') {
    const t = blankPracticeName(state.practice, doc.text);
    if (STOCK_ALT.test(t) && !/\bour patient\b/i.test(t)) return;
    const person = PERSON_IN_ALT.test(t);
    const named = state.mentions.some((m) => m.kind === 'patient');
    const scene = SCENE_IN_ALT.test(t);
    const patientWord = /\bpatient(?![\w-])(?!\s+(?:portal|education|information|forms?|rights|privacy|experience|care|safety|handouts?|materials|room|rooms|lounge|entrance|parking))/i.test(t);
    const identifiable = /\b(?:face|faces|tattoo|tattoos|name tag|wristband|chart|whiteboard)\b[^.]{0,40}\b(?:visible|shown|legible|readable|clear)/i.test(t);
    if ((person && (scene || named)) || patientWord || named || (person && identifiable)) {
      const first = doc.sentences[0];
      add(state, 'photo', first ? first.start : 0, first ? first.end : t.length, 1);
    }
    return;
  }
  if (!cues.personal || cues.staffOnly) return;
  for (const s of doc.sentences) {
    const st = doc.text.slice(s.start, s.end);
    if (!PHOTO_WORDS.test(st)) continue;
    if (/\b(?:team photo|staff photo|headshot|with (?:her|his|their) permission,? and a photo)\b/i.test(st)) continue;
    if (!personalNear(state, s)) continue;
    add(state, 'photo', s.start, s.end, 1);
  }
}

function personalNear(state: ScanState, s: Sentence): boolean {
  const ps = state.cues.personalSentences;
  return ps.has(s.index) || ps.has(s.index + 1) || ps.has(s.index - 1) || state.cues.personal;
}

const FILE_STRONG = /^(?:patient|patients|discharge|selfie|nicu|icu|picu|chemo|wound|rash|scar|stitches|xray|surgery|ultrasound|sonogram|postop|preop|injury|fracture|cast)$/;
const FILE_PERSON = /^(?:boy|girl|man|woman|baby|babies|child|kid|kids|teen|toddler|mom|dad|grandma|grandpa|family|newborn|twins|son|daughter|goalie|player)$/;
const FILE_SCENE = /^(?:cast|exam|room|birthday|bday|removal|first|last|day|visit|recovery|milestone|graduation|bell|wheelchair|weigh|scale|checkup|shots?|stitches|before|after|home|hospital|rehab|therapy|pt)$/;
const FILE_FICTION = /^(?:fictional|hypothetical|composite|sample|example|mockup|template|madeup|fake|demo)$/;
const FILE_STOCK = /^(?:stock|illustration|infographic|chart|graphic|logo|icon|team|staff|headshot|flyer|poster|carousel|explainer|banner)$/;

/** Photo cues in a media file name (with or without a name in it). Returns whether the file is personal. */
export function recognizeFilePhoto(state: ScanState): boolean {
  const { doc } = state;
  const text = doc.text;
  const base = text.lastIndexOf('/') + 1;
  const name = text.slice(base);
  const dirs = text.slice(0, base).toLowerCase().split(/[/\\]/);
  const words = matchesOf(/[A-Za-z]+/g, name);
  const lower = words.map((w) => w[0].toLowerCase());
  const named = state.out.some((c) => c.type === 'name');
  if (lower.some((w) => FILE_FICTION.test(w))) return false;
  if (lower.some((w) => FILE_STOCK.test(w)) && !named) return false;
  const strong = words.filter((w) => FILE_STRONG.test(w[0].toLowerCase()));
  const person = lower.some((w) => FILE_PERSON.test(w));
  const scene = words.filter((w) => FILE_SCENE.test(w[0].toLowerCase()));
  const patientDir = dirs.some((d) => /^(?:patients?|patient-photos|cases?|case-studies)$/.test(d));
  let hits = strong;
  if (hits.length === 0 && person && scene.length) hits = [...scene, ...words.filter((w) => FILE_PERSON.test(w[0].toLowerCase()))].sort((a, b) => a.index - b.index);
  if (hits.length === 0 && (named || patientDir) && scene.length) hits = scene;
  // A case write-up: "chest-pain-pe-case-jan-14.pdf"
  const joined = lower.join(' ');
  if (/\b(?:case|story|journey)\b/.test(joined) && HEALTH_EVENT_RE.test(joined) && !lower.includes('study')) {
    const caseWord = words.find((w) => /^(?:case|story|journey)$/i.test(w[0]))!;
    add(state, 'story', base + words[0]!.index, base + caseWord.index + caseWord[0].length, 1);
    return true;
  }
  if (hits.length === 0) return named;
  const first = hits[0]!;
  const last = hits[hits.length - 1]!;
  let end = base + last.index + last[0].length;
  const tail = /^[-_](?:day|photo|pic|video|shot|selfie|party|celebration|removal|room)\b/i.exec(name.slice(last.index + last[0].length));
  if (tail) end += tail[0].length;
  add(state, 'photo', base + first.index, end, 1);
  return true;
}
