import { markdownToPlain, type HiddenKind } from '../../networks/markdown.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';

const WHAT: Record<HiddenKind, string> = {
  'open-comment': 'an HTML comment (<!--) that is never closed hides the rest of the post from every network',
  'comment-as-text': 'a <!-- inside a line is sent to the networks as text, but the PHI check reads it as a comment and skips what follows it',
  html: 'HTML here is not shown: its attributes, or what <script>, <style>, <!…> or <?…?> hold, go to no network',
  image: 'an image written in the text (![…](…)) is not sent: networks get neither the picture nor its description',
  'link-title': 'a link\'s title ("…" after its address) is not sent to any network',
  definition: 'a link definition ([label]: address) that no link uses is not sent to any network',
  skipped: 'these lines are nested too deeply (quotes or lists inside one another) to be read: no network gets them',
};

export const hiddenText = defineRule({
  meta: {
    id: 'network/hidden-text',
    severity: 'warning',
    docs: {
      description: 'Text in the body that no network receives, though reviewers see it in the file: an unclosed HTML comment, HTML attributes, images and link titles written in the text, unused link definitions.',
      why: 'Reviewers approve what the file says. Markdown has ways to write text that never reaches the post (an HTML comment left open swallows everything after it), so what is published can differ from what was read, and the PHI check may not read it either. Say it in the text, or remove it.',
      url: docsUrl('network/hidden-text'),
    },
    messages: {
      hidden: '{{what}} ({{characters}} characters, {{lines}}): write it as text or remove it',
    },
    cacheable: true,
  },
  checkPost({ post, report }) {
    const firstBodyLine = post.lines.position(post.bodyOffset).line;
    for (const hidden of markdownToPlain(post.body).hidden) {
      const line = firstBodyLine + hidden.line - 1;
      const endLine = firstBodyLine + hidden.endLine - 1;
      const lines = endLine > line ? `lines ${line}–${endLine}` : `line ${line}`;
      report({
        messageId: 'hidden',
        data: { what: WHAT[hidden.kind], characters: String(hidden.characters), lines },
        range: { line, column: 1, endLine, endColumn: post.lines.lineText(endLine).length + 1 },
      });
    }
  },
});
