import { closest } from '../../util/closest.js';
import { fieldName, mayHoldPhi } from '../../loading/problems.js';
import type { PlanFile } from '../../loading/project.js';
import { docsUrl } from '../messages.js';
import { defineRule, type PostCheckContext } from '../types.js';

// `{{field}}` names the field ("the second audience"), never what was typed in it: it could be a patient's name.
const messages = {
  noPlanFile: '{{field}} is not defined: there is no {{file}} (create it, or run "plan init" to see an example)',
  unknownLike: '{{field}} is not in {{file}}: did you mean "{{suggestion}}"? ({{fix}})',
  unknown: '{{field}} is not in {{file}}: {{file}} defines: {{known}} ({{fix}})',
  noneDefined: '{{field}} is not in {{file}}: {{file}} defines none ({{fix}})',
};

export const unknownId = defineRule({
  meta: {
    id: 'schema/unknown-id',
    severity: 'error',
    docs: {
      description: 'A network, audience or objective id a post names that the plans do not define (a network not in plans/networks.yaml is not enabled).',
      why: 'A post names its networks, audience and objective by the ids in plans/. A network that is not in plans/networks.yaml has no account to publish to, and a misspelt audience or objective is left out of the reach and objective-mix checks. The message suggests the id you probably meant.',
      url: docsUrl('schema/unknown-id'),
    },
    messages,
  },
  checkPost(context) {
    const { post, project } = context;
    const { networks = [], audience = [], objective } = post.frontmatter;
    const enabled = Object.keys(project.networks.data ?? {});
    networks.forEach((network, index) => {
      if (!enabled.includes(network)) check(context, project.networks, ['networks', index], network, enabled, `add an account for ${network} to it or remove ${network} from networks`);
    });
    const segments = Object.keys(project.audiences.data?.segments ?? {});
    audience.forEach((id, index) => {
      if (!segments.includes(id)) check(context, project.audiences, ['audience', index], id, segments, 'add the segment there or use one of its ids');
    });
    const objectives = Object.keys(project.objectives.data?.objectives ?? {});
    if (objective !== undefined && !objectives.includes(objective)) {
      check(context, project.objectives, ['objective'], objective, objectives, 'add it there or use one of its ids');
    }
  },
});

function check(
  { post, report }: PostCheckContext<keyof typeof messages>,
  planFile: PlanFile<unknown>,
  path: (string | number)[],
  id: string,
  known: string[],
  fix: string,
): void {
  // A plan file that exists but is broken is reported on its own; checking ids against it would only add noise.
  if (planFile.present && !planFile.data) return;
  const range = post.locate(path);
  const { file } = planFile;
  // A network is one of the six names the format allows, safe to name; an audience or objective is free text.
  const field = path[0] === 'networks' ? `the network ${id}` : fieldName(path);
  if (!planFile.present) {
    report({ messageId: 'noPlanFile', data: { field, file }, range });
    return;
  }
  const suggestion = mayHoldPhi(id) ? undefined : closest(id, known);
  if (suggestion) report({ messageId: 'unknownLike', data: { field, file, suggestion, fix }, range });
  else if (known.length) report({ messageId: 'unknown', data: { field, file, known: known.join(', '), fix }, range });
  else report({ messageId: 'noneDefined', data: { field, file, fix }, range });
}
