import type { z } from 'zod';
import type { SourceRange } from './source.js';
import type { PositionedYaml, YamlPath } from './yaml.js';
import { closest } from '../util/closest.js';

/** Something wrong with a file, found while loading it; the schema rules report these. */
export interface LoadProblem {
  rule: string;
  message: string;
  range: SourceRange;
}

export const PARSE_RULE = 'schema/parse';
export const FIELD_RULE = 'schema/frontmatter';
export const UNKNOWN_KEY_RULE = 'schema/unknown-key';

/** Turns every zod issue of a file into a placed problem a non-engineer can act on. */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  yaml: PositionedYaml,
  schema: z.ZodType,
  fieldRule: string,
): LoadProblem[] {
  return issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      return issue.keys.map((key) => ({
        rule: UNKNOWN_KEY_RULE,
        message: unknownKeyMessage(key, path, known),
        range: yaml.locate([...path, key], 'key'),
      }));
    }
    const rule = (issue.code === 'custom' && (issue.params as { rule?: string } | undefined)?.rule) || fieldRule;
    return [{ rule, message: `${fieldName(path)}: ${describeIssue(issue, path, yaml)}`, range: yaml.locate(path) }];
  });
}

export function fieldName(path: YamlPath): string {
  if (path.length === 0) return 'the file';
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

function unknownKeyMessage(key: string, path: YamlPath, known: string[]): string {
  const where = path.length ? ` in ${fieldName(path)}` : '';
  const suggestion = closest(key, known);
  const hint = suggestion ? `did you mean "${suggestion}"?` : known.length ? `known fields: ${known.join(', ')}` : 'remove it';
  return `unknown field "${key}"${where}: ${hint}`;
}

function describeIssue(issue: z.core.$ZodIssue, path: YamlPath, yaml: PositionedYaml): string {
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAt(yaml.data, path);
      if (value === undefined) return 'is required';
      return `must be ${article(issue.expected)}, not ${kindOf(value)}`;
    }
    case 'invalid_value': {
      const value = valueAt(yaml.data, path);
      const options = issue.values.map(String);
      const suggestion = typeof value === 'string' ? closest(value, options) : undefined;
      const shown = typeof value === 'string' ? `"${value}"` : kindOf(value);
      return `${shown} is not allowed${suggestion ? `: did you mean "${suggestion}"?` : ''} (use one of: ${options.join(', ')})`;
    }
    case 'too_small':
      if (issue.origin === 'array') return issue.message.startsWith('Too small') ? `needs at least ${issue.minimum} item(s)` : issue.message;
      return issue.message.startsWith('Too small') ? `must be at least ${issue.minimum}` : issue.message;
    case 'too_big':
      return issue.message.startsWith('Too big') ? `must be at most ${issue.maximum}` : issue.message;
    case 'invalid_union':
      return 'does not match any allowed form: see `plan schema` for the fields it may have';
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a set of fields',
  };
  return words[expected] ?? expected;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'true/false';
  return `a ${typeof value}`;
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; in?: z.ZodType };

/** The field names the schema allows at a path, for "did you mean". */
function keysAt(schema: z.ZodType, path: YamlPath): string[] {
  let node: z.ZodType | undefined = schema;
  for (const part of [...path, null]) {
    node = unwrap(node);
    if (!node) return [];
    const def = (node as unknown as { def: Def }).def;
    if (part === null) return def.shape ? Object.keys(def.shape) : [];
    if (def.type === 'object') node = def.shape?.[String(part)];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return [];
  }
  return [];
}

function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
  let current = node;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = (current as unknown as { def: Def }).def;
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}
