/**
 * The one redaction of everything plan prints or records about a network call: messages, log lines,
 * record details. A server may echo a credential back, whole or in part, raw or percent-encoded, so
 * every run of FRAGMENT or more characters of a known secret (in any of its encoded forms) is
 * replaced, and only the redacted text is ever shortened: a cut can then never leave part of a
 * secret behind.
 */

/** The shortest run of a secret's characters that is treated as the secret. */
export const FRAGMENT = 6;
const MASK = '[redacted]';
/** Secrets shorter than this are too common as text to hunt for (a secret that short is no secret). */
const MIN_SECRET = 4;

// Credentials whose value plan may not know (a session token minted by the server, a signature): by shape.
const SHAPES: [RegExp, string][] = [
  [/\b(Bearer|Basic|DPoP|OAuth)\s+[^\s"',\\]+/gi, `$1 ${MASK}`],
  [/\b(oauth_[a-z_]+)(\s*[=:]\s*)(\\?["']?)[^"'\\,&\s]*/gi, `$1$2$3${MASK}`],
  [/\b(access_token|input_token|client_secret|refresh_token|password)(\s*[=:]\s*)(\\?["']?)[^"'\\,&\s]*/gi, `$1$2$3${MASK}`],
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, MASK],
  [/\b[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}\b/g, MASK],
];

/** The values of the run's credential variables (PLAN_…TOKEN, …SECRET, …KEY, …PASSWORD). */
export function secretsIn(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => name.startsWith('PLAN_') && /TOKEN|SECRET|KEY|PASSWORD/.test(name) && value)
    .map(([, value]) => value!.trim());
}

/** RFC 3986 percent-encoding (what OAuth 1.0a signs with): encodeURIComponent plus ! ' ( ) *. */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The ways a secret can appear in an answer: as is, percent-encoded (either way, either case), JSON-escaped. */
function formsOf(secret: string): string[] {
  const encoded = rfc3986(secret);
  return [...new Set([secret, encodeURIComponent(secret), encoded, encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()), JSON.stringify(secret).slice(1, -1)])];
}

export class Redactor {
  /** Every FRAGMENT-character run of every form of every secret. */
  private readonly grams = new Set<string>();
  /** Secrets shorter than FRAGMENT, hidden only whole. */
  private readonly short = new Set<string>();

  constructor(secrets: Iterable<string> = []) {
    this.add(...secrets);
  }

  /** Learns more secrets (a session token the server just gave, a signature just made). */
  add(...secrets: (string | undefined)[]): void {
    for (const secret of secrets) {
      if (!secret || secret.length < MIN_SECRET) continue;
      for (const form of formsOf(secret)) {
        if (form.length < FRAGMENT) this.short.add(form);
        for (let at = 0; at + FRAGMENT <= form.length; at++) this.grams.add(form.slice(at, at + FRAGMENT));
      }
    }
  }

  /** The text with every fragment of a known secret, and every credential recognised by its shape, replaced. */
  redact(text: string): string {
    let out = this.hideFragments(text);
    for (const secret of this.short) out = out.split(secret).join(MASK);
    for (const [shape, by] of SHAPES) out = out.replace(shape, by);
    return out;
  }

  /** Redacted, on one line, then cut to `max` characters: what a message may quote of a server's answer. */
  excerpt(text: string, max = 300): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    // Only a window of a long answer is read: a fragment it cuts short is under FRAGMENT characters.
    const window = flat.slice(0, max * 4);
    const redacted = shorten(this.redact(window), max);
    return window.length < flat.length && !redacted.endsWith('…') ? `${redacted}…` : redacted;
  }

  private hideFragments(text: string): string {
    if (this.grams.size === 0 || text.length < FRAGMENT) return text;
    let out = '';
    let copied = 0;
    let hiddenTo = -1;
    for (let at = 0; at + FRAGMENT <= text.length; at++) {
      if (!this.grams.has(text.slice(at, at + FRAGMENT))) continue;
      if (at > hiddenTo) {
        out += `${text.slice(copied, at)}${MASK}`;
      }
      hiddenTo = at + FRAGMENT;
      copied = hiddenTo;
    }
    return out + text.slice(copied);
  }
}

/** At most `max` characters, with an ellipsis where it was cut. Apply to redacted text only. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
