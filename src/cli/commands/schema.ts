import { jsonSchemaFor, type SchemaKind } from '../../loading/schemas/json-schema.js';
import type { CommandContext } from '../context.js';

export async function runSchemaCommand(kind: string, context: CommandContext): Promise<number> {
  context.stdout.write(`${JSON.stringify(jsonSchemaFor(kind as SchemaKind), null, 2)}\n`);
  return 0;
}
