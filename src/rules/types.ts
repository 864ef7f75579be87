import type { NetworkId, Severity } from '../loading/schemas/index.js';
import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import type { PublishRecord } from '../loading/record.js';
import type { SourceRange } from '../loading/source.js';

/** What a rule's page and the rule table say about it. */
export interface RuleDocs {
  /** One line: what the rule checks (the README table, SARIF, the top of its page). */
  description: string;
  /** Why it matters, for a practice's social-media lead: the opening of its page. */
  why: string;
  /** Its page: docs/rules/<family>/<name>.md on GitHub (see docsUrl). */
  url: string;
}

export interface RuleMeta<MessageId extends string = string> {
  /** `family/name`, e.g. `phi/phone`; the rule lives in src/rules/<family>/<name>.ts. */
  id: string;
  severity: Severity;
  docs: RuleDocs;
  /** What the rule can say, by message id: templates whose `{{name}}` placeholders a report's data fills. */
  messages: Readonly<Record<MessageId, string>>;
  /**
   * True when what `checkPost` reports depends on nothing but the post's file, the configuration and
   * plan files, the year and the tool's own code: not the clock (`now`), other posts, media files, the
   * publish record or the environment. Its reports on a post that has not changed can then be kept from an earlier run.
   */
  cacheable?: boolean;
}

/** Values for a message's placeholders. */
export type MessageData = Readonly<Record<string, string | number>>;

/** What a rule reports: where, which of its messages with what data, and (for PHI) the matched text kept back from every output but --reveal. */
export interface ReportDescriptor<MessageId extends string = string> {
  messageId: MessageId;
  data?: MessageData;
  range: SourceRange;
  network?: NetworkId;
  sensitiveText?: string;
}

/** A report with its message written out, as findings carry it and the findings cache keeps it. */
export interface Report {
  message: string;
  range: SourceRange;
  network?: NetworkId;
  sensitiveText?: string;
}

export interface RunContext {
  project: Project;
  /** The publish record; a cacheable rule must not read it. */
  record: PublishRecord;
  /** The clock of the run (`--now`). */
  now: Date;
  /**
   * The year of `now` in the practice's timezone: all a cacheable rule may read of the clock (the
   * findings cache is kept per year). PHI turns birth years into ages with it.
   */
  year: number;
  /** The environment of the run (e.g. PLAN_ALLOW_API_HOSTS); a cacheable rule must not read it. */
  env: NodeJS.ProcessEnv;
  /** The files the change under review touches (`--changed-since`, `plan review`); undefined when no change is named. */
  changed?: ReadonlySet<string>;
  /** The ids of every rule the tool has, for checking rule names users write. */
  ruleIds: readonly string[];
  /** A value computed once per run and shared by every check that asks for it by `key`. */
  once<T>(key: string, compute: () => T): T;
}

export interface PostCheckContext<MessageId extends string = string> extends RunContext {
  post: Post;
  /** A value computed once for this post and shared by every rule that checks it (its PHI, its composed texts). */
  perPost<T>(key: string, compute: () => T): T;
  report(report: ReportDescriptor<MessageId>): void;
}

export interface ProjectCheckContext<MessageId extends string = string> extends RunContext {
  /** Every post of the repository, whatever the audit reports on. */
  posts: readonly Post[];
  /** True when the rule is turned off for this file (by `rules:` or an override): leave the file out of counts too. */
  isOff(file: string): boolean;
  /** What the rule's `summarizePost` made of a post: from this run, or kept from an earlier one. */
  summaryOf(post: Post): PostSummary;
  report(report: ReportDescriptor<MessageId> & { file: string }): void;
}

export interface Rule<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  /** Checks one post. */
  checkPost?(context: PostCheckContext<MessageId>): void;
  /** Checks the repository as a whole: plan files, and what needs every post (cadence, duplicates). */
  checkProject?(context: ProjectCheckContext<MessageId>): void;
  /**
   * What `checkProject` needs of one post, made from the post, the plan files and the year alone (as
   * a cacheable rule's checks are): kept between runs like their reports, read with `summaryOf`.
   */
  summarizePost?(context: PostSummaryContext): PostSummary;
}

/** Short texts by name (e.g. a hash per network): plain data, so that it can be kept in a file. */
export type PostSummary = Readonly<Record<string, string>>;

export type PostSummaryContext = Omit<PostCheckContext, 'report'>;

/** A rule whose reports may name only its own message ids: `defineRule({ meta: { messages: { tooLong: '…' } }, … })`. */
export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

/** Reports of the cacheable rules on posts and the rules' post summaries, kept between runs (the audit keeps them in the repository's node_modules). */
export interface KeptReports {
  /** What each cacheable rule reported on this post in an earlier run, by rule id (none when absent); undefined when the post is new to it. */
  reportsOn(post: Post): Readonly<Record<string, readonly Report[]>> | undefined;
  keep(post: Post, reports: Record<string, Report[]>): void;
  /** The summaries rules made of this post in an earlier run, by rule id; undefined when the post is new to it. */
  summariesOn(post: Post): Readonly<Record<string, PostSummary>> | undefined;
  keepSummaries(post: Post, summaries: Record<string, PostSummary>): void;
}

export interface Finding extends SourceRange {
  rule: string;
  severity: Severity;
  file: string;
  network: NetworkId | null;
  message: string;
  /** Only `--reveal` in a local terminal shows this; no format prints it. */
  sensitiveText?: string;
}

export interface SuppressedFinding extends Finding {
  suppression: { reason: string; line: number };
}

/** The rules whose findings hold PHI: no output shows the text they matched. */
export const isPhiRule = (rule: string): boolean => rule.startsWith('phi/');
