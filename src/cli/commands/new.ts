import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { PlanError } from '../../errors.js';
import { formatIssueProblems, formatNewPostComment, NEW_POST_MARKER } from '../../formats/review-issue.js';
import { COMMENT_MAX_BYTES, formatReviewMarkdown, REVIEW_MARKER } from '../../formats/review-markdown.js';
import { GithubClient, openPullRequest, repositoryFromEnv, serverUrlOf, upsertStickyComment, type CommentKind, type GithubRepository } from '../../github/index.js';
import { git } from '../../loading/git.js';
import { findRoot } from '../../loading/project.js';
import { loadRepository, type Repository } from '../../loading/repository.js';
import { buildReview, reviewExitCode } from '../../review/index.js';
import { commitOnBranch } from '../../scaffold/branch.js';
import { splitList, type Choice } from '../../scaffold/choices.js';
import { fetchAttachedImage, IssueProblems, readIssueEvent, requestFromIssue, type Issue } from '../../scaffold/from-issue.js';
import { planPost, writePost, type PlannedPost } from '../../scaffold/new-post.js';
import type { CommandContext } from '../context.js';
import { parseNow } from '../options.js';

export interface NewFlags {
  at?: string;
  networks?: string;
  objective?: string;
  audience?: string;
  fromIssue?: string;
  pullRequest?: boolean;
  now?: string;
}

/** `plan new SLUG`: a draft with everything plan can infer filled in, and what it chose said. `--from-issue`: a ready post from a "New post" issue. */
export async function runNewCommand(slug: string | undefined, flags: NewFlags, given: CommandContext): Promise<number> {
  const context = { ...given, now: parseNow(flags.now, given.now) };
  if (flags.fromIssue) return fromIssue(flags.fromIssue, flags.pullRequest === true, context);
  if (flags.pullRequest) throw new PlanError('--pull-request opens a pull request for a post made from an issue: use it with --from-issue EVENT.json');
  if (!slug) throw new PlanError('plan new needs a file name for the post, e.g. plan new flu-shots-2026 (or --from-issue EVENT.json)');
  const repository = await loadRepository(await findRoot(context.cwd));
  const request = { slug, now: context.now, ...optional('at', flags.at), ...optional('networks', splitList(flags.networks)), ...optional('objective', flags.objective), ...optional('audience', splitList(flags.audience)) };
  const planned = planPost(repository.project, repository.posts, request);
  await writePost(repository.root, planned);
  context.stdout.write(`created ${planned.file}\n${choiceLines(planned.choices)}`);
  return 0;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const FIELD_ORDER = ['publish_at', 'networks', 'objective', 'audience'];

/** What plan filled in, in the order of the file: "  publish_at 2030-01-07 09:00: the next posting slot …". */
function choiceLines(choices: readonly Choice[]): string {
  const sorted = [...choices].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  return sorted.map((choice) => `  ${choice.field} ${choice.value === '(not set)' ? 'not set' : choice.value}: ${choice.why}\n`).join('');
}

const ISSUE_COMMENT: CommentKind = {
  name: 'comment',
  thread: 'issue',
  forbidden: 'Give the job "permissions: issues: write".',
};

/** A "New post" issue → the post file (and its image); with --pull-request, a branch, a pull request, and a comment on the issue. */
async function fromIssue(eventFile: string, pullRequest: boolean, context: CommandContext): Promise<number> {
  const issue = await readIssueEvent(path.resolve(context.cwd, eventFile));
  const repository = await loadRepository(await findRoot(context.cwd));
  const github = pullRequest ? gitHubOf(context.env) : undefined;
  let made: { planned: PlannedPost; files: string[] };
  try {
    made = await postFromIssue(issue, repository, context);
  } catch (error) {
    if (!(error instanceof PlanError) || !github) throw error;
    const problems = error instanceof IssueProblems ? error.problems : [error.message];
    await upsertStickyComment({ ...github, number: issue.number }, NEW_POST_MARKER, formatIssueProblems(problems), userAgent(context), ISSUE_COMMENT);
    context.stderr.write(`plan: issue #${issue.number}: ${error.message}\n`);
    return 2;
  }
  if (!github) {
    context.stdout.write(`created ${made.files.join(', ')}\n${choiceLines(made.planned.choices)}`);
    return 0;
  }
  return openForReview(issue, made, repository, github, context);
}

function gitHubOf(env: NodeJS.ProcessEnv): GithubRepository {
  const found = repositoryFromEnv(env);
  if (!found.found) throw new PlanError(`--pull-request needs ${found.missing.join(' and ')}: run it in the "plan new post" workflow, which GitHub Actions gives them`);
  return found.repository;
}

async function postFromIssue(issue: Issue, repository: Repository, context: CommandContext): Promise<{ planned: PlannedPost; files: string[] }> {
  const read = requestFromIssue(issue, context.now);
  let { request } = read;
  // The same title as a post already there: the issue's number keeps the file its own.
  if (repository.posts.some((post) => path.basename(post.file, '.md') === request.slug)) request = { ...request, slug: `${request.slug}-${issue.number}` };
  let image: { bytes: Buffer; file: string } | undefined;
  if (read.image) {
    const env = context.env;
    const fetched = await fetchAttachedImage(read.image.url, { serverUrl: serverUrlOf(env), env, ...(env.GITHUB_TOKEN ? { token: env.GITHUB_TOKEN } : {}) });
    image = { bytes: fetched.bytes, file: `media/${context.now.getUTCFullYear()}/${request.slug}.${fetched.type}` };
    request = { ...request, media: { file: image.file, ...(read.image.alt ? { alt: read.image.alt } : {}) } };
  }
  const planned = planPost(repository.project, repository.posts, request);
  await writePost(repository.root, planned);
  if (image) {
    await mkdir(path.dirname(path.join(repository.root, image.file)), { recursive: true });
    await writeFile(path.join(repository.root, image.file), image.bytes);
  }
  return { planned, files: [planned.file, ...(image ? [image.file] : [])] };
}

/** Commits the post on its own branch, opens (or updates) the pull request, and writes the review on the issue and on the pull request. */
async function openForReview(issue: Issue, made: { planned: PlannedPost; files: string[] }, repository: Repository, github: GithubRepository, context: CommandContext): Promise<number> {
  const branch = `plan/issue-${issue.number}`;
  const { title } = made.planned;
  // GitHub names the commit's author by this address: the person who asked for the post wrote it, and may not approve it.
  const author = { name: issue.author.login, email: `${issue.author.id}+${issue.author.login}@users.noreply.github.com` };
  const baseBranch = context.env.GITHUB_REF_NAME?.trim() || (await git(repository.root, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
  const pushed = await commitOnBranch(repository.root, { branch, files: made.files, message: `New post from issue #${issue.number}: ${title}`, author });
  const api = new GithubClient(github, userAgent(context), context.env);
  const body = `The post asked for in #${issue.number} by @${issue.author.login}, written by plan as \`${made.planned.file}\`.\n\nA reviewer's approval lets it publish at its time once merged. To change it, edit #${issue.number} (plan updates this pull request) or edit the file here.\n\nCloses #${issue.number}.\n`;
  const opened = await openPullRequest(api, { head: branch, base: baseBranch, title: `New post: ${title}`, body });
  const review = await buildReview({ cwd: repository.root, base: pushed.base, now: context.now, env: context.env, pullRequest: opened.number, userAgent: userAgent(context) });
  const reviewText = formatReviewMarkdown(review, { maxBytes: COMMENT_MAX_BYTES - 4096 });
  // Pull requests opened with the job's token start no workflow, so plan writes their review comment too.
  await upsertStickyComment({ ...github, number: opened.number }, REVIEW_MARKER, reviewText, userAgent(context));
  const comment = formatNewPostComment({ file: made.planned.file, branch, pullRequest: opened, choices: made.planned.choices, review: reviewText.replace(REVIEW_MARKER, '') });
  const written = await upsertStickyComment({ ...github, number: issue.number }, NEW_POST_MARKER, comment, userAgent(context), ISSUE_COMMENT);
  context.stdout.write(`Pull request #${opened.number} ${opened.action}: ${opened.url}\nComment ${written.action} on issue #${issue.number}${written.url ? `: ${written.url}` : ''}\n${choiceLines(made.planned.choices)}`);
  return reviewExitCode(review);
}

function userAgent(context: CommandContext): string {
  return `plan/${context.version}`;
}
