import path from 'node:path';
import { listMarkdown, readRepoFile } from './files.js';
import { mediaFactsOf } from './media.js';
import { ParseCache } from './cache/parse-cache.js';
import { defaultPostId, parseText, postFromParsed, type Post } from './post.js';
import { PARSE_RULE } from './problems.js';
import { LineIndex, pointRange } from './source.js';

/** Where posts live in a content repository. */
export const CONTENT_DIR = 'content';

export const isPostFile = (file: string): boolean => file.startsWith(`${CONTENT_DIR}/`);

/** Every post under content/; with `cache`, parsed texts are kept between runs (see ParseCache). */
export async function loadPosts(root: string, timeZone: string, cache = false): Promise<Post[]> {
  const files = await listMarkdown(root, CONTENT_DIR);
  const parsed = cache ? ParseCache.open(root) : undefined;
  const posts = files.map((file) => {
    const read = readRepoFile(root, file);
    if (!read.ok) return unreadablePost(file, `${path.basename(file)} ${read.message}`);
    return postFromParsed(file, read.text, parsed ? parsed.parse(read.text) : parseText(read.text), timeZone);
  });
  parsed?.save();
  const facts = await mediaFactsOf(
    root,
    posts.map((post) => post.frontmatter.media?.map((item) => item.file)),
  );
  posts.forEach((post, index) => {
    const postFacts = facts[index];
    if (postFacts) post.mediaFacts = postFacts;
  });
  return posts;
}

function unreadablePost(file: string, message: string): Post {
  return {
    file,
    id: defaultPostId(file),
    lines: new LineIndex(''),
    frontmatter: {},
    valid: false,
    body: '',
    bodyOffset: 0,
    problems: [{ rule: PARSE_RULE, message, range: pointRange(1) }],
    locate: () => pointRange(1),
  };
}
