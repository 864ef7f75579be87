import type { Post } from '../../loading/post.js';
import type { SourceRange } from '../../loading/source.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';

/*
 * The split with the PHI rules: `phi/testimonial`, `phi/patient-story` and `phi/patient-photo` read
 * the post's wording and turn off when the post has an `authorization`. This rule covers what they
 * do not: a post that its author marked as a testimonial or patient photo (tags, title, image alt
 * text, media file names) but that has no `authorization`, and an `authorization` that is not an id.
 * A patient shown in a picture, as its alt text describes it, is `phi/patient-photo`'s alone.
 */
export const authorization = defineRule({
  meta: {
    id: 'compliance/authorization',
    severity: 'error',
    docs: {
      description: 'A post tagged or titled as a testimonial, patient story or patient photo needs `authorization:` with the id of the signed HIPAA authorization, and that id must look like one (e.g. AUTH-2026-014).',
      why: "A testimonial, a patient's story or a patient's photo may be published only with the patient's signed HIPAA authorization. Writing its id under authorization: lets reviewers find the form; a post that its own tags, title or picture describe as such but names no form, or names something that is not a form's id (\"yes\", \"on file\"), cannot show it was authorized.",
      url: docsUrl('compliance/authorization'),
    },
    messages: {
      notAnId:
        'authorization is not the id of a signed authorization: write the id of the patient\'s signed HIPAA authorization form, e.g. AUTH-2026-014 (letters, digits and hyphens, with its number)',
      missing:
        'this post looks like a patient testimonial or patient photo ({{where}} says "{{words}}") but has no authorization: add "authorization:" with the id of the patient\'s signed HIPAA authorization, or change the {{field}} if no patient is shown or quoted',
    },
    cacheable: true,
  },
  checkPost({ post, report }) {
    const given = post.frontmatter.authorization;
    if (given !== undefined) {
      if (!isAuthorizationId(given)) report({ messageId: 'notAnId', range: post.locate(['authorization']) });
      return;
    }
    const marker = markers(post)[0];
    if (!marker) return;
    report({ messageId: 'missing', data: { where: marker.where, words: marker.words, field: marker.field }, range: marker.range });
  },
});

interface Marker {
  where: string;
  field: string;
  words: string;
  range: SourceRange;
}

// Wording that names a testimonial or a patient photo; "before and after school" is not one.
const TESTIMONIAL_WORDING =
  /\btestimonials?\b|\bpatient[\s_-]+(?:spotlights?|stor(?:y|ies)|photos?|pictures?|videos?|reviews?|testimonials?|of[\s_-]+the[\s_-]+(?:month|week|year))\b|\bbefore[\s_-]*(?:and|&|\/)?[\s_-]*after\b(?![\s_-]+school)|\bsuccess[\s_-]+stor(?:y|ies)\b|\bin[\s_-]+(?:his|her|their|my)[\s_-]+own[\s_-]+words\b/i;

function markers(post: Post): Marker[] {
  const { tags = [], title, media = [] } = post.frontmatter;
  const found: Marker[] = [];
  const look = (text: string | undefined, pattern: RegExp, where: string, field: string, path: (string | number)[]) => {
    const match = text === undefined ? null : pattern.exec(text);
    if (match) found.push({ where, field, words: match[0], range: post.locate(path) });
  };
  tags.forEach((tag, index) => look(tag, TESTIMONIAL_WORDING, `the tag "${tag}"`, 'tag', ['tags', index]));
  look(title, TESTIMONIAL_WORDING, 'the title', 'title', ['title']);
  media.forEach((item, index) => {
    look(item.alt, TESTIMONIAL_WORDING, 'the image description (alt)', 'image description', ['media', index, 'alt']);
    look(item.file, TESTIMONIAL_WORDING, 'the media file name', 'file name', ['media', index, 'file']);
  });
  return found;
}

const PLACEHOLDER = /^(?:tbd|tba|todo|pending|n\/?a|none|null|yes|no|true|false|x+|\?+|unknown|signed|on[\s-]?file)$/i;

/** An id as forms are numbered: letters, digits and `-_./`, with at least one digit, no spaces. */
export function isAuthorizationId(text: string): boolean {
  const id = text.trim();
  return /^[A-Za-z0-9][A-Za-z0-9._/-]{1,63}$/.test(id) && /\d/.test(id) && !PLACEHOLDER.test(id);
}
