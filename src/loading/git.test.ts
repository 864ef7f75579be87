import { describe, expect, it } from 'vitest';
import { parseHunks, parseNameStatus } from './git.js';

describe('parseNameStatus', () => {
  it('reads added, modified, deleted and renamed files from -z output', () => {
    const output = ['A', 'content/new.md', 'M', 'plans/networks.yaml', 'D', 'content/gone.md', 'R087', 'content/old.md', 'content/2030/new name.md', 'T', 'media/a.jpg', ''].join('\0');
    expect(parseNameStatus(output)).toEqual([
      { status: 'added', file: 'content/new.md' },
      { status: 'modified', file: 'plans/networks.yaml' },
      { status: 'deleted', file: 'content/gone.md' },
      { status: 'renamed', file: 'content/2030/new name.md', previousFile: 'content/old.md' },
      { status: 'modified', file: 'media/a.jpg' },
    ]);
  });
});

describe('parseHunks', () => {
  it('collects the new-side lines of each file, and none of a deleted one', () => {
    const patch = [
      'diff --git a/content/a.md b/content/a.md',
      '--- a/content/a.md',
      '+++ b/content/a.md',
      '@@ -3 +3 @@ title',
      '-publish_at: 2030-01-07 09:00',
      '+publish_at: 2030-01-08 09:00',
      '@@ -10,0 +11,2 @@',
      '+one',
      '+two',
      '@@ -20,2 +22,0 @@',
      'diff --git a/content/gone.md b/content/gone.md',
      '--- a/content/gone.md',
      '+++ /dev/null',
      '@@ -1,3 +0,0 @@',
      'diff --git a/content/my post.md b/content/my post.md',
      '+++ b/content/my post.md\t',
      '@@ -0,0 +1,4 @@',
    ].join('\n');
    expect(parseHunks(patch)).toEqual(
      new Map([
        ['content/a.md', [[3, 3], [11, 12]]],
        ['content/my post.md', [[1, 4]]],
      ]),
    );
  });
});
