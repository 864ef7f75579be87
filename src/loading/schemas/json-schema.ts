import { z } from 'zod';
import { configSchema } from './config.js';
import { audiencesPlanSchema, networksPlanSchema, objectivesPlanSchema, observancesPlanSchema } from './plans.js';
import { postSchema } from './post.js';

export const SCHEMA_KINDS = {
  post: { schema: postSchema, title: 'plan post frontmatter (content/**/*.md)' },
  config: { schema: configSchema, title: 'plan.config.yaml' },
  networks: { schema: networksPlanSchema, title: 'plans/networks.yaml' },
  audiences: { schema: audiencesPlanSchema, title: 'plans/audiences.yaml' },
  objectives: { schema: objectivesPlanSchema, title: 'plans/objectives.yaml' },
  observances: { schema: observancesPlanSchema, title: 'plans/observances.yaml' },
} as const;

export type SchemaKind = keyof typeof SCHEMA_KINDS;

/** JSON Schema (draft-07, which the YAML language server reads) of one file kind, from the zod schema that validates it. */
export function jsonSchemaFor(kind: SchemaKind): Record<string, unknown> {
  const { schema, title } = SCHEMA_KINDS[kind];
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  return { ...json, title };
}
