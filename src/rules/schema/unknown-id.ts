import { closest } from '../../util/closest.js';
import type { PlanFile } from '../../loading/project.js';
import type { PostCheckContext, Rule } from '../types.js';

export const unknownId: Rule = {
  meta: {
    id: 'schema/unknown-id',
    severity: 'error',
    docs: 'A network, audience or objective id a post names that the plans do not define (a network not in plans/networks.yaml is not enabled).',
  },
  checkPost(context) {
    const { post, project } = context;
    const { networks = [], audience = [], objective } = post.frontmatter;
    const enabled = Object.keys(project.networks.data ?? {});
    networks.forEach((network, index) => {
      if (!enabled.includes(network)) check(context, project.networks, ['networks', index], network, enabled, 'network', `add a ${network} account to it or remove ${network} from networks`);
    });
    const segments = Object.keys(project.audiences.data?.segments ?? {});
    audience.forEach((id, index) => {
      if (!segments.includes(id)) check(context, project.audiences, ['audience', index], id, segments, 'audience', 'add the segment there or use one of its ids');
    });
    const objectives = Object.keys(project.objectives.data?.objectives ?? {});
    if (objective !== undefined && !objectives.includes(objective)) {
      check(context, project.objectives, ['objective'], objective, objectives, 'objective', 'add it there or use one of its ids');
    }
  },
};

function check(
  { post, report }: PostCheckContext,
  planFile: PlanFile<unknown>,
  path: (string | number)[],
  id: string,
  known: string[],
  kind: string,
  fix: string,
): void {
  // A plan file that exists but is broken is reported on its own; checking ids against it would only add noise.
  if (planFile.present && !planFile.data) return;
  const range = post.locate(path);
  if (!planFile.present) {
    report({ message: `${kind} "${id}" is not defined: there is no ${planFile.file} (create it, or run "plan init" to see an example)`, range });
    return;
  }
  const suggestion = closest(id, known);
  const hint = suggestion ? `did you mean "${suggestion}"?` : known.length ? `${planFile.file} defines: ${known.join(', ')}` : `${planFile.file} defines none`;
  report({ message: `${kind} "${id}" is not in ${planFile.file}: ${hint} (${fix})`, range });
}
