import { createHash } from 'node:crypto';
import { KeptValues, CACHE_DIR } from './store.js';
import { codeFolder, versionOf } from './version.js';
import { parseText, type ParsedText } from '../post.js';

const NAME = 'parsed-posts.json';
export const CACHE_FILE = `${CACHE_DIR}/${NAME}`;

/** The libraries whose output a parsed text holds (values, messages). */
const PARSERS = ['yaml', 'zod', 'gray-matter'];

/**
 * Parsed post texts from earlier runs, by the hash of the text. A text parses to the same data
 * every time, as long as the code that parses it is the same: the cache is keyed by that code (this
 * folder's files and the parsers' versions) and thrown away when it changes. Only a repository with
 * a node_modules folder gets one.
 */
export class ParseCache {
  private constructor(private readonly kept: KeptValues<ParsedText>) {}

  static open(root: string): ParseCache {
    return new ParseCache(KeptValues.open<ParsedText>(root, NAME, parserVersion));
  }

  parse(text: string): ParsedText {
    const key = createHash('sha1').update(text).digest('base64url');
    const kept = this.kept.get(key);
    if (isParsedText(kept, text)) return kept;
    const parsed = parseText(text);
    this.kept.keep(key, parsed);
    return parsed;
  }

  save(): void {
    this.kept.save();
  }
}

// The file is plan's own, but an edited or damaged entry must cost a parse, never a crash.
function isParsedText(value: ParsedText | undefined, text: string): value is ParsedText {
  if (typeof value !== 'object' || value === null) return false;
  const { frontmatter, valid, bodyOffset, problems, yaml } = value;
  return (
    typeof frontmatter === 'object' &&
    frontmatter !== null &&
    typeof valid === 'boolean' &&
    Number.isInteger(bodyOffset) &&
    bodyOffset >= 0 &&
    bodyOffset <= text.length &&
    Array.isArray(problems) &&
    (yaml === undefined || (Number.isInteger(yaml.offset) && Array.isArray(yaml.places?.records) && Array.isArray(yaml.places?.keys)))
  );
}

let computedVersion: string | undefined;

function parserVersion(): string {
  return (computedVersion ??= versionOf([codeFolder('loading')], PARSERS));
}
