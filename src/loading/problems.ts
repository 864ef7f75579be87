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
        ...keyProblem(key, path, known, yaml.locate([...path, key], 'key')),
      }));
    }
    const rule = (issue.code === 'custom' && (issue.params as { rule?: string } | undefined)?.rule) || fieldRule;
    return [{ rule, message: joinField(fieldName(path), describeIssue(issue, path, yaml)), range: yaml.locate(path) }];
  });
}

/** "publish_at is not a date", but "objective: use lowercase letters…". */
function joinField(field: string, description: string): string {
  return /^(?:is|are|has|must|needs|does) /.test(description) ? `${field} ${description}` : `${field}: ${description}`;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
// What one item of a list field is called, and fields named as people say them.
const ITEM_NAMES: Record<string, string> = { networks: 'network', media: 'image', audience: 'audience', tags: 'tag', slots: 'slot', approved_by: 'approver', channels: 'channel' };
const FIELD_NAMES: Record<string, string> = { alt: 'alt text', file: 'file' };

/**
 * A field as a person reads it: `networks[0]` is "the first network", `media[1].alt` "the second
 * image's alt text"; nested fields stay as written (`variants.x`).
 */
export function fieldName(path: YamlPath): string {
  if (path.length === 0) return 'the file';
  let name = '';
  let beforeList = '';
  path.forEach((part, index) => {
    const previous = path[index - 1];
    if (typeof part === 'number') {
      const item = typeof previous === 'string' ? (ITEM_NAMES[previous] ?? `item of ${previous}`) : 'item';
      const ordinal = ORDINALS[part] ?? `${part + 1}th`;
      name = beforeList ? `the ${ordinal} ${item} in ${beforeList}` : `the ${ordinal} ${item}`;
      return;
    }
    beforeList = name;
    const field = typeof previous === 'number' ? (FIELD_NAMES[part] ?? part) : part;
    if (index === 0) name = field;
    else if (typeof previous === 'number') name = `${name}'s ${field}`;
    else name = `${name}.${field}`;
  });
  return name;
}

// A key or value that could hold a name, a number or a date: spaces, digits, capitals, or longer than any field.
const PHI_LIKE = /[\s\d\p{Lu}]|^.{33,}/u;

/** Text someone typed that could be a patient's identifier is never repeated; a near-miss of a known word may be suggested. */
export function mayHoldPhi(typed: string): boolean {
  return PHI_LIKE.test(typed);
}

function unknownKeyMessage(key: string, path: YamlPath, known: string[], line: number): string {
  const where = path.length ? ` in ${fieldName(path)}` : '';
  const suggestion = mayHoldPhi(key) ? undefined : closest(key, known);
  const hint = suggestion ? `did you mean "${suggestion}"?` : known.length ? `remove it or use a known field: ${known.join(', ')}` : 'remove it';
  return `an unknown field${where} on line ${line}: ${hint}`;
}

function keyProblem(key: string, path: YamlPath, known: string[], range: SourceRange): { message: string; range: SourceRange } {
  return { message: unknownKeyMessage(key, path, known, range.line), range };
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
      const suggestion = typeof value === 'string' && !mayHoldPhi(value) ? closest(value, options) : undefined;
      return `is not one of: ${options.join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
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
export function keysAt(schema: z.ZodType, path: YamlPath): string[] {
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
