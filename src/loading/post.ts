import matter from 'gray-matter';
import { postSchema, readDateTime, type PostFrontmatter } from './schemas/index.js';
import { LineIndex, pointRange, type SourceRange } from './source.js';
import { locator, parseYaml, type PositionedYaml, type YamlPath, type YamlPlaces } from './yaml.js';
import { PARSE_RULE, FIELD_RULE, problemsFromIssues, type LoadProblem } from './problems.js';
import { resolveTime, type ResolvedTime } from './time.js';
import type { MediaFact } from './media.js';

/** A post as loaded from `content/`: what it says, where each part was written, and what is wrong with it. */
export interface Post {
  file: string;
  id: string;
  lines: LineIndex;
  /** The fields that passed their schema; a field with a problem is left out. */
  frontmatter: Partial<PostFrontmatter>;
  /** True when the whole frontmatter passed its schema. */
  valid: boolean;
  body: string;
  /** Offset of the body in the file. */
  bodyOffset: number;
  publishAt?: ResolvedTime;
  expires?: ResolvedTime;
  problems: LoadProblem[];
  /** What the repository holds for each `media[i].file`, in the same order; set by `loadPosts`. */
  mediaFacts?: MediaFact[];
  /** Where a frontmatter field was written (the whole frontmatter's first line when it was not). */
  locate(path: YamlPath, part?: 'key' | 'value'): SourceRange;
}

const OPENING = /^---[ \t]*(\r?\n|$)/;
const CLOSING = /^---[ \t]*\r?$/m;

// gray-matter splits the file; the `yaml` package parses it (YAML 1.2: dates stay text).
const splitOptions = (capture: (yaml: string) => object) => ({
  engines: { yaml: { parse: capture, stringify: () => '' } },
});

export function defaultPostId(file: string): string {
  return file.replace(/^content\//, '').replace(/\.md$/, '');
}

/**
 * What parsing a post's text yields, as plain data: the same for the same text, whatever the file's
 * name or the practice's timezone, so a cache can keep it (see parse-cache.ts).
 */
export interface ParsedText {
  frontmatter: Partial<PostFrontmatter>;
  valid: boolean;
  bodyOffset: number;
  problems: LoadProblem[];
  /** Where the frontmatter's YAML starts in the file, and where each of its values was written. */
  yaml?: { offset: number; places: YamlPlaces };
}

/** Loads a post from its text; never throws: every problem becomes a `LoadProblem`. */
export function parsePost(file: string, text: string, timeZone: string): Post {
  return postFromParsed(file, text, parseText(text), timeZone);
}

/** The post a parsed text makes in a file, with its times placed in the practice's timezone. */
export function postFromParsed(file: string, text: string, parsed: ParsedText, timeZone: string): Post {
  const lines = new LineIndex(text);
  const { frontmatter, valid, bodyOffset, problems, yaml } = parsed;
  return {
    file,
    id: frontmatter.id || defaultPostId(file),
    lines,
    frontmatter,
    valid,
    body: text.slice(bodyOffset),
    bodyOffset,
    problems,
    locate: yaml ? locator(yaml.places, lines, yaml.offset) : () => pointRange(1),
    ...(frontmatter.publish_at !== undefined ? { publishAt: resolveField(frontmatter.publish_at, timeZone, false) } : {}),
    ...(frontmatter.expires !== undefined ? { expires: resolveField(frontmatter.expires, timeZone, true) } : {}),
  };
}

export function parseText(text: string): ParsedText {
  const parsed: ParsedText = { frontmatter: {}, valid: false, bodyOffset: 0, problems: [] };
  if (!OPENING.test(text)) {
    parsed.problems.push(parseProblem('has no frontmatter: a post starts with a line "---", then its fields (title, publish_at, networks…), then another "---"', 1));
    return parsed;
  }
  const afterOpening = text.slice(3);
  if (!CLOSING.test(afterOpening.replace(/^[ \t]*\r?\n/, ''))) {
    parsed.problems.push(parseProblem('the frontmatter is never closed: add a line with just "---" after the last field', 1));
    return parsed;
  }
  const lines = new LineIndex(text);
  let yaml: PositionedYaml | undefined;
  let offset = 0;
  const split = matter(
    text,
    splitOptions((source) => {
      offset = text.indexOf(source, 3);
      // gray-matter leaves the "\r" of a CRLF file's last frontmatter line, which YAML would read as part of the value.
      return (yaml = parseYaml(source.replace(/\r$/, ''), lines, offset));
    }),
  );
  parsed.bodyOffset = text.length - split.content.length;
  if (!yaml) {
    parsed.problems.push(parseProblem('the frontmatter is empty: give the post a title, publish_at and networks', 1));
    return parsed;
  }
  const positioned: PositionedYaml = yaml;
  parsed.yaml = { offset, places: positioned.places };
  if (positioned.problems.length > 0) {
    parsed.problems.push(...positioned.problems.map((p) => ({ rule: PARSE_RULE, message: `frontmatter: ${p.message}`, range: p.range })));
    return parsed;
  }
  readFrontmatter(parsed, positioned);
  return parsed;
}

function readFrontmatter(parsed: ParsedText, yaml: PositionedYaml): void {
  if (yaml.data === null || typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    parsed.problems.push(parseProblem('the frontmatter must be a set of fields ("title: …" lines)', 2));
    return;
  }
  const result = postSchema.safeParse(yaml.data);
  if (result.success) {
    parsed.frontmatter = result.data;
    parsed.valid = true;
  } else {
    parsed.problems.push(...problemsFromIssues(result.error.issues, yaml, postSchema, FIELD_RULE));
    parsed.frontmatter = salvage(yaml.data as Record<string, unknown>, result.error.issues);
  }
}

/** Keeps the top-level fields that have no problem, each checked on its own. */
function salvage(data: Record<string, unknown>, issues: readonly { path: PropertyKey[] }[]): Partial<PostFrontmatter> {
  const broken = new Set(issues.map((issue) => issue.path[0]));
  const kept = Object.fromEntries(Object.entries(data).filter(([key]) => !broken.has(key) && key in postSchema.shape));
  const partial = postSchema.partial().safeParse(kept);
  return partial.success ? partial.data : {};
}

function resolveField(text: string | undefined, timeZone: string, endOfDay: boolean): ResolvedTime | undefined {
  if (text === undefined) return undefined;
  const written = readDateTime(text);
  return typeof written === 'string' ? undefined : resolveTime(written, timeZone, endOfDay);
}

function parseProblem(message: string, line: number): LoadProblem {
  return { rule: PARSE_RULE, message, range: pointRange(line) };
}
