import { PHI_RULE_BY_TYPE } from '../../phi/index.js';
import type { Rule, RuleMeta } from '../types.js';
import { phiIn } from './scan.js';

/**
 * Every PHI rule says "<what> in <where>: <what to do>"; what to do is written into its template. In an
 * answer to a review (`reply`), what to do is the same for every kind: confirm nothing.
 */
type PhiMessage = 'found' | 'reply';

/** What a reply to a reviewer may say, for every PHI rule's `reply` message. */
export const REPLY_FIX =
  "{{what}} in {{where}}: a public reply must not confirm that the reviewer is a patient. Thank them, invite them to call or write to the office, and say nothing about their visit, care, bill or results";

export interface PhiRuleOptions {
  /** Stories, testimonials and patient photos are allowed with the patient's signed authorization. */
  authorizable?: boolean;
}

/** What a PHI message says when the identifier is the practice's own and plan did not know it. */
export const OWN_FACTS = "if it is the practice's own, list it under practice: in plan.config.yaml";

/** A `phi/*` rule: it reports its kinds of identifier from the one PHI scan of a post. */
export function phiRule(meta: RuleMeta<PhiMessage>, options: PhiRuleOptions = {}): Rule<PhiMessage> {
  return {
    meta,
    checkPost(context) {
      const { post, report } = context;
      if (options.authorizable && post.frontmatter.authorization !== undefined) return;
      for (const found of phiIn(context)) {
        if (PHI_RULE_BY_TYPE[found.type] !== meta.id) continue;
        report({
          messageId: found.reply ? 'reply' : 'found',
          data: { what: capitalize(found.basis?.length ? `${found.description} (it rests on: ${found.basis.join(', ')})` : found.description), where: found.where },
          range: found.range,
          sensitiveText: found.text,
          ...(found.network ? { network: found.network } : {}),
        });
      }
    },
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
