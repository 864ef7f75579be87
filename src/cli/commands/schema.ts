import { jsonSchemaFor, type SchemaKind } from '../../loading/schemas/json-schema.js';

export async function runSchemaCommand(kind: string): Promise<number> {
  process.stdout.write(`${JSON.stringify(jsonSchemaFor(kind as SchemaKind), null, 2)}\n`);
  return 0;
}
