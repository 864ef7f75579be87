import matter from 'gray-matter';
import { postSchema, readDateTime, type PostFrontmatter } from './schemas/index.js';
import { LineIndex, pointRange, type SourceRange } from './source.js';
import { parseYaml, type PositionedYaml, type YamlPath } from './yaml.js';
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
  /** What the repository holds for each `media[i].file`, in the same order; set by `attachMediaFacts`. */
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

/** Loads a post from its text; never throws: every problem becomes a `LoadProblem`. */
export function parsePost(file: string, text: string, timeZone: string): Post {
  const lines = new LineIndex(text);
  const post: Post = {
    file,
    id: defaultPostId(file),
    lines,
    frontmatter: {},
    valid: false,
    body: text,
    bodyOffset: 0,
    problems: [],
    locate: () => pointRange(1),
  };
  if (!OPENING.test(text)) {
    post.problems.push(parseProblem('has no frontmatter: a post starts with a line "---", then its fields (title, publish_at, networks…), then another "---"', 1));
    return post;
  }
  const afterOpening = text.slice(3);
  if (!CLOSING.test(afterOpening.replace(/^[ \t]*\r?\n/, ''))) {
    post.problems.push(parseProblem('the frontmatter is never closed: add a line with just "---" after the last field', 1));
    return post;
  }
  let yaml: PositionedYaml | undefined;
  // gray-matter leaves the "\r" of a CRLF file's last frontmatter line, which YAML would read as part of the value.
  const split = matter(text, splitOptions((source) => (yaml = parseYaml(source.replace(/\r$/, ''), lines, text.indexOf(source, 3)))));
  post.body = split.content;
  post.bodyOffset = text.length - split.content.length;
  if (!yaml) {
    post.problems.push(parseProblem('the frontmatter is empty: give the post a title, publish_at and networks', 1));
    return post;
  }
  const positioned: PositionedYaml = yaml;
  post.locate = positioned.locate;
  if (positioned.problems.length > 0) {
    post.problems.push(...positioned.problems.map((p) => ({ rule: PARSE_RULE, message: `frontmatter: ${p.message}`, range: p.range })));
    return post;
  }
  readFrontmatter(post, positioned, timeZone);
  return post;
}

function readFrontmatter(post: Post, yaml: PositionedYaml, timeZone: string): void {
  if (yaml.data === null || typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    post.problems.push(parseProblem('the frontmatter must be a set of fields ("title: …" lines)', 2));
    return;
  }
  const result = postSchema.safeParse(yaml.data);
  if (result.success) {
    post.frontmatter = result.data;
    post.valid = true;
  } else {
    post.problems.push(...problemsFromIssues(result.error.issues, yaml, postSchema, FIELD_RULE));
    post.frontmatter = salvage(yaml.data as Record<string, unknown>, result.error.issues);
  }
  if (post.frontmatter.id) post.id = post.frontmatter.id;
  post.publishAt = resolveField(post.frontmatter.publish_at, timeZone, false);
  post.expires = resolveField(post.frontmatter.expires, timeZone, true);
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
