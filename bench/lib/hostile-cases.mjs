// Post bodies that once took time growing faster than their length (runs that regular expressions
// backtrack over, URL-like runs twitter-text searched again and again), and ordinary prose to
// compare them with. Each is cut to `bytes` UTF-8 bytes at a character boundary.
const PROSE = [
  'Flu season is here, and the clinic is open on Saturday mornings for shots.',
  'Wash your hands for twenty seconds, and keep a sick child home from school.',
  'Most adults need one dose each year; ask us which vaccine is right for you.',
  'Drink water, sleep well, and call the office if a fever lasts more than three days.',
];

export const HOSTILE_CASES = {
  'ordinary prose': (i) => `${PROSE[i % PROSE.length]}${i % 6 === 5 ? '\n\n' : ' '}`,
  spaces: () => ' ',
  newlines: () => '\n',
  'blank lines with spaces': () => ' \n',
  digits: (i) => String(i % 10),
  'a1- runs': () => 'a1-',
  URLs: (i) => `https://cedarvalleyhealth.com/flu/${i} `,
  'bare domains': (i) => `site${i}.com `,
  punctuation: (i) => '.,;:!?-_*~'[i % 10],
  emoji: () => '😷',
  'combining marks': (i) => (i % 20 === 0 ? 'e' : '\u0301'),
  'unclosed <': () => '<a ',
  brackets: () => '[',
  emphasis: () => '*a_',
  'quote markers': () => '> ',
  'born / DOB': () => 'born ',
};

/** A body of about `bytes` UTF-8 bytes made of the case's pieces. */
export function hostileBody(name, bytes) {
  const piece = HOSTILE_CASES[name];
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const text = piece(i);
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  return `${Buffer.from(parts.join('')).subarray(0, bytes).toString('utf8').replace(/\uFFFD$/, '')}\n`;
}

/** A post of the case: a frontmatter that audits clean, then the body. */
export function hostilePost(name, bytes) {
  return `---\ntitle: A long post\npublish_at: 2030-01-07 09:00\nnetworks: [x, facebook]\nobjective: education\n---\n${hostileBody(name, bytes)}`;
}

export const HOSTILE_CONFIG = 'practice:\n  name: Test Family Practice\n  timezone: America/New_York\n';
export const HOSTILE_PLANS = {
  'plans/networks.yaml': 'x: { account: "@testpractice" }\nfacebook: { page_id: "100000000000001" }\n',
  'plans/objectives.yaml': 'objectives:\n  education: { label: Patient education, share: 100 }\n',
};
