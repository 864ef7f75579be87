import { PLAN_FILES } from '../../loading/project.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import { endpointOf, endpointProblem } from '../../networks/endpoints.js';
import { profileFor } from '../../networks/index.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';

const REFUSED = 'plan publish would not publish to this {{network}} account: {{reason}}';

export const endpoint = defineRule({
  meta: {
    id: 'plan/endpoint',
    severity: 'error',
    docs: {
      description: "An account in plans/networks.yaml whose api_url, service or instance plan publish would refuse to send credentials to: not https, with a password in it, or a host other than the network's own that the run's environment (PLAN_ALLOW_API_HOSTS) does not allow.",
      why: "plan publish sends the account's tokens to the address in plans/networks.yaml. So that a changed line in a pull request cannot send them somewhere else, it only sends them over https, and only to the network's own API unless whoever owns the CI secrets allows another host in PLAN_ALLOW_API_HOSTS. An account it would refuse publishes nothing: this says so at review, not on the day the posts are due.",
      url: docsUrl('plan/endpoint'),
    },
    messages: {
      refused: REFUSED,
      refusedApiUrl: `${REFUSED}; without api_url, plan uses {{network}}'s own API`,
    },
  },
  checkProject({ project, env, report }) {
    for (const [network, account] of Object.entries(project.networks.data ?? {})) {
      if (!account) continue;
      const found = endpointOf(network as NetworkId, account);
      const reason = endpointProblem(found, env);
      if (reason === undefined) continue;
      const range = project.networks.locate(found.field ? [network, found.field] : [network]);
      const data = { network: profileFor(network as NetworkId).label, reason };
      report({ file: PLAN_FILES.networks, messageId: found.field === 'api_url' ? 'refusedApiUrl' : 'refused', data, range, network: network as NetworkId });
    }
  },
});
