import { parsePost, type Post } from '../loading/post.js';
import type { NetworkId } from '../networks/index.js';
import { previewOf, type MediaPreview, type NetworkPreview } from '../preview/index.js';
import { preparePost } from '../networks/prepare.js';
import { changedLinesOf, reviewFinding, type ReviewContext } from './context.js';
import { fileAtCommit, type LineSpan } from '../loading/git.js';
import { phiHider, type PhiHider } from '../audit/hide.js';
import { labels, outlookOf } from './outlook.js';
import type { PostInScope } from './scope.js';
import type { DeletedPost, PublishRecord, RenameNote, ReviewedNetwork, ReviewedPost } from './types.js';
import { describeWhen, practiceTime } from './when.js';
import { latestEntry, type RecordEntry } from '../loading/record.js';
import { isPhiRule } from '../rules/types.js';

/** One added, changed or renamed post: when, where, the exact text per network (PHI hidden), findings. */
export async function reviewPost(entry: PostInScope, context: ReviewContext): Promise<ReviewedPost> {
  const { post } = entry;
  const { project } = context.audit;
  const preview = previewOf(context.audit, post);
  const phi = [...context.audit.findings, ...context.audit.suppressed].filter((f) => f.file === post.file && isPhiRule(f.rule));
  const hider = phiHider(post, project, phi);
  const changedLines = changedLinesOf(context, post.file);
  const media = hideMedia(preview.networks[0]?.media ?? [], post, hider);
  const networks = preview.networks.map((network) => reviewNetwork(network, { post, hider, media, changedLines, context }));
  const { title, approved_by: approvedBy } = post.frontmatter;
  const rename = await renameNote(entry, context);
  return {
    change: entry.change,
    ...(entry.mediaChanged ? { mediaChanged: entry.mediaChanged } : {}),
    file: post.file,
    id: post.id,
    ...(title ? { title: hider.field(title, post.locate(['title'])) } : {}),
    ...(preview.status ? { status: preview.status } : {}),
    ...(approvedBy ? { approvedBy } : {}),
    ...(preview.status === 'ready' && context.approval ? { approval: context.approval } : {}),
    ...(post.publishAt ? { publishAt: describeWhen(post.publishAt.instant, project.timeZone, context.now) } : {}),
    ...(post.expires ? { expires: describeWhen(post.expires.instant, project.timeZone, context.now) } : {}),
    outlook: outlookOf(post, { project, findings: context.audit.findings, record: context.audit.record, now: context.now, ...(context.approval ? { approval: context.approval } : {}) }),
    ...(rename ? { rename } : {}),
    networks,
    findings: preview.findings.map((f) => reviewFinding(f, changedLines)),
    hiddenSpans: hider.hidden,
    changedLines,
  };
}

interface NetworkFacts {
  post: Post;
  hider: PhiHider;
  media: MediaPreview[];
  changedLines: LineSpan[];
  context: ReviewContext;
}

function reviewNetwork(preview: NetworkPreview, facts: NetworkFacts): ReviewedNetwork {
  const { post, hider } = facts;
  const shown = hider.networkText(preview.network, preview.text, preview.seeMore?.offset);
  const record = recordOf(latestEntry(facts.context.audit.record, post.id, preview.network));
  return {
    network: preview.network,
    label: preview.label,
    enabled: preview.enabled,
    text: shown.text,
    from: preview.from,
    count: preview.count,
    limit: preview.limit,
    unit: preview.unit,
    ...(preview.bytes ? { bytes: preview.bytes } : {}),
    ...(shown.cut !== undefined && preview.seeMore ? { seeMore: { visible: shown.text.slice(0, shown.cut), hidden: shown.text.slice(shown.cut) } } : {}),
    ...(preview.link ? { link: { url: hider.field(preview.link.url, post.locate(['link'])), sent: preview.link.sent } } : {}),
    media: facts.media,
    findings: preview.findings.map((f) => reviewFinding(f, facts.changedLines)),
    ...(record ? { record } : {}),
  };
}

function hideMedia(media: readonly MediaPreview[], post: Post, hider: PhiHider): MediaPreview[] {
  return media.map((item, index) => ({
    ...item,
    file: hider.field(item.file, post.locate(['media', index, 'file'])),
    ...(item.alt !== undefined ? { alt: hider.field(item.alt, post.locate(['media', index, 'alt'])) } : {}),
  }));
}

function recordOf(entry: RecordEntry | undefined): PublishRecord | undefined {
  if (!entry) return undefined;
  return { state: entry.state, at: entry.at, ...(entry.url ? { url: entry.url } : {}) };
}

/** The post as it was at the merge base, or undefined when it did not exist there. */
async function postAtBase(file: string, context: ReviewContext): Promise<Post | undefined> {
  const text = await fileAtCommit(context.root, context.diff.mergeBase, file);
  return text === undefined ? undefined : parsePost(file, text, context.audit.project.timeZone);
}

/**
 * For a moved post, or one whose id was edited: the publish record keys posts by id, so say whether
 * it still knows this one, and what `plan publish` will do where it was published under the old id.
 */
async function renameNote(entry: PostInScope, context: ReviewContext): Promise<RenameNote | undefined> {
  if (entry.change === 'added') return undefined;
  const previousFile = entry.previousFile ?? entry.post.file;
  const before = await postAtBase(previousFile, context);
  if (!before) return undefined;
  const idChanged = before.id !== entry.post.id;
  if (!idChanged && entry.change !== 'renamed') return undefined;
  const moved = entry.change === 'renamed' ? `Moved from ${previousFile}. ` : '';
  if (!idChanged) return { previousFile, previousId: before.id, idChanged, message: `${moved}Its id stays "${before.id}", so the publish record still knows it.` };
  const message = `${moved}Its id changed from "${before.id}" to "${entry.post.id}". ${publishedUnderOldId(entry.post, before.id, context)}`;
  return { previousFile, previousId: before.id, idChanged, message };
}

function publishedUnderOldId(post: Post, oldId: string, context: ReviewContext): string {
  const recognised: NetworkId[] = [];
  const repeated: NetworkId[] = [];
  for (const network of [...new Set(post.frontmatter.networks ?? [])]) {
    const entry = latestEntry(context.audit.record, oldId, network);
    if (entry?.state !== 'published') continue;
    const same = preparePost(post, network, context.audit.project).fingerprint === entry.fingerprint;
    (same ? recognised : repeated).push(network);
  }
  if (recognised.length === 0 && repeated.length === 0) return 'It was never published under the old id, so nothing else changes.';
  const parts = [];
  if (recognised.length > 0) parts.push(`It was published on ${labels(recognised)} under the old id; the text is the same, so plan publish recognises it and will not post it again there.`);
  if (repeated.length > 0) parts.push(`It was published on ${labels(repeated)} under the old id, but its text changed: plan publish will post it there again as a new post.`);
  return parts.join(' ');
}

/** A deleted post: what it was, and whether it had been published (deleting the file does not delete a published post). */
export async function reviewDeleted(file: string, context: ReviewContext): Promise<DeletedPost> {
  const { timeZone } = context.audit.project;
  const before = await postAtBase(file, context);
  const id = before?.id ?? file.replace(/^content\//, '').replace(/\.md$/, '');
  const networks = [...new Set(before?.frontmatter.networks ?? [])];
  const recordNetworks = context.audit.record.entries.filter((e) => e.post === id).map((e) => e.network);
  const records = [...new Set([...networks, ...recordNetworks])].flatMap((network) => {
    const record = recordOf(latestEntry(context.audit.record, id, network));
    return record ? [{ network, ...record }] : [];
  });
  const publishAt = before?.publishAt?.instant;
  return {
    file,
    id,
    ...(publishAt ? { publishAt: describeWhen(publishAt, timeZone, context.now) } : {}),
    networks,
    records,
    message: deletedMessage(records, before, publishAt && publishAt > context.now ? practiceTime(publishAt, timeZone) : undefined),
  };
}

function deletedMessage(records: DeletedPost['records'], before: Post | undefined, upcoming: string | undefined): string {
  const published = records.filter((r) => r.state === 'published').map((r) => r.network);
  if (published.length > 0) {
    return `It was published on ${labels(published)}: deleting the file does not delete those posts. Remove them on ${published.length === 1 ? 'that network' : 'those networks'} by hand if they must go.`;
  }
  if (before?.frontmatter.status === 'ready' && upcoming) return `It was scheduled for ${upcoming}; it will now not be published.`;
  return 'It was never published, so nothing goes out and nothing needs removing.';
}
