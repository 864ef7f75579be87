// Runs rules against a temporary content repository built from a map of files: for rule unit tests.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runRules, type RuleResults } from '../../src/rules/engine.js';
import type { Rule } from '../../src/rules/types.js';
import { loadRepository } from '../../src/loading/repository.js';

export const DEFAULT_FILES: Record<string, string> = {
  'plan.config.yaml': `practice:
  name: Cedar Valley Family Health
  timezone: America/New_York
  phones: ["844-466-7225"]
  addresses: ["4100 Brookside Pkwy, Suite 210, Millbrook, OH 43081"]
  websites: ["https://cedarvalleyhealth.com"]
  emails: ["hello@cedarvalleyhealth.com"]
  handles: ["@cedarvalleyhealth"]
  staff: ["Dr. Priya Natarajan", "Jenna Whitfield NP"]
media_base_url: https://cedarvalleyhealth.com/social/
approval:
  required: true
  reviewers: [dr-natarajan]
`,
  'plans/networks.yaml': `x: { account: "@cedarvalleyhealth" }
facebook: { page_id: "104857600000000" }
instagram: { user_id: "17841400000000000" }
linkedin: { organization: "urn:li:organization:5590506" }
bluesky: { handle: cedarvalleyhealth.bsky.social }
mastodon: { instance: https://mastodon.social }
`,
  'plans/audiences.yaml': `segments:
  seniors: { label: Adults 65 and older, age: "65+" }
  parents: { label: Parents of young children, age: "30-49" }
min_reach: 25
`,
  'plans/objectives.yaml': `objectives:
  education: { label: Patient education, share: 50 }
  community-health: { label: Community health, share: 50 }
`,
};

/** A post file with the given frontmatter lines (YAML) and body. */
export function post(frontmatter: string, body = 'Wash your hands often during flu season.'): string {
  return `---\n${frontmatter.trim()}\n---\n${body}\n`;
}

/**
 * Writes DEFAULT_FILES overlaid with `files` (a value of null removes a default file) to a temporary
 * folder, runs `rules` there at `now`, and removes the folder.
 */
export async function runOn(rules: readonly Rule[], files: Record<string, string | null>, now = '2026-11-01T12:00:00Z', changed?: string[]): Promise<RuleResults> {
  const root = await mkdtemp(path.join(tmpdir(), 'plan-rules-'));
  try {
    const all = { ...DEFAULT_FILES, ...files };
    for (const [file, text] of Object.entries(all)) {
      if (text === null) continue;
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    // As plan audit does: what the publish record shows published is not due again.
    const { project, posts, record } = await loadRepository(root);
    return runRules({ project, posts, record, rules, now: new Date(now), ...(changed ? { changed: new Set(changed) } : {}) });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
