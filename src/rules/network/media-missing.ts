import type { MediaFact } from '../../loading/media.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { mediaOf, mediaRange } from './media-item.js';

const messages = {
  outside: 'this media file is outside the repository: plan only publishes files inside it; copy the file into media/ and point to the copy',
  folder: 'this media path is a folder, not a file: name the image or video file itself',
  unreadable: 'this media file could not be read ({{error}}): check that it is a normal file you can open',
  missing: 'this media file does not exist: check the spelling and that the path starts at the repository root (e.g. media/2026/flu-clinic.jpg)',
};

export const mediaMissing = defineRule({
  meta: {
    id: 'network/media-missing',
    severity: 'error',
    docs: {
      description: 'A media file that does not exist, is not a file, or lies outside the repository (a ../ path or a link out): it could not be published.',
      why: 'plan publishes the image or video a post names from the repository. A misspelt path, a file that was never added, or one outside the repository would make the post fail when it is due, or go out without its picture.',
      url: docsUrl('network/media-missing'),
    },
    messages,
  },
  checkPost({ post, report }) {
    // File names can hold a patient's name: the messages say what is wrong, the range says which one.
    for (const item of mediaOf(post)) {
      if (item.fact && item.fact.status !== 'found') report({ ...missing(item.fact), range: mediaRange(post, item.index, 'file') });
    }
  },
});

function missing(fact: MediaFact): { messageId: keyof typeof messages; data?: { error: string } } {
  switch (fact.status) {
    case 'outside':
    case 'folder':
      return { messageId: fact.status };
    case 'unreadable':
      return { messageId: 'unreadable', data: { error: fact.error ?? 'unknown error' } };
    default:
      return { messageId: 'missing' };
  }
}
