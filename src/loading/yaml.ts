import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import { LineIndex, pointRange, type SourceRange } from './source.js';

export type YamlPath = ReadonlyArray<string | number>;

/** A YAML problem found while parsing, already placed in the file. */
export interface YamlProblem {
  message: string;
  range: SourceRange;
}

/** A parsed YAML text that can say where any value of it was written. */
export interface PositionedYaml {
  data: unknown;
  problems: YamlProblem[];
  places: YamlPlaces;
  locate(path: YamlPath, part?: 'key' | 'value'): SourceRange;
}

// A few levels of aliases are normal YAML; an alias bomb expands thousands.
const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML 1.2 (dates stay strings) with positions. `lines` indexes the whole file the YAML
 * sits in and `offset` is where the YAML starts in it, so positions are the file's own.
 */
export function parseYaml(text: string, lines: LineIndex = new LineIndex(text), offset = 0): PositionedYaml {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  const problems = distinctProblems(
    doc.errors.map((error) => ({
      message: TOO_DEEP.test(error.message) ? NESTED_TOO_DEEPLY : describeYamlError(error.code, error.message),
      range: lines.range(offset + error.pos[0], offset + error.pos[1]),
    })),
  );
  let data: unknown = null;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problems.push({
        message: /alias/i.test(String(error))
          ? 'too many YAML aliases (*name): the file expands to far more than it says; write the values out'
          : TOO_DEEP.test(String(error))
            ? NESTED_TOO_DEEPLY
            : `the YAML could not be read: ${firstLine(String(error))}`,
        range: firstAlias(doc, lines, offset) ?? pointRange(lines.position(offset).line),
      });
    }
  }
  const places = placesOf(doc.contents);
  return { data, problems, places, locate: locator(places, lines, offset) };
}

// The parser gives up on lists and sets of fields nested thousands deep with the engine's own words.
const TOO_DEEP = /call stack|too much recursion/i;
const NESTED_TOO_DEEPLY = 'the fields are nested too deeply (lists or sets of fields inside one another hundreds of times): write them out flat';

/** The first problem of each kind: one mistake (an unclosed "[" nested a thousand deep) is reported once, not a thousand times. */
function distinctProblems(problems: YamlProblem[]): YamlProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(problem.message) && seen.add(problem.message));
}

type Span = [number, number];

/**
 * Where each node of a YAML text was written, kept instead of the parsed document (many times
 * larger: 10,000 posts keep their positions for the whole run). One record of `FIELDS` numbers per
 * node, in document order; a map entry's record names its key by its index in `keys`. Plain data,
 * so a cache can keep it.
 */
export interface YamlPlaces {
  records: number[];
  keys: string[];
}

const FIELDS = 7;
const [PARENT, KIND, NAME, KEY_START, KEY_END, VALUE_START, VALUE_END] = [0, 1, 2, 3, 4, 5, 6] as const;
const [OTHER, MAP, SEQ] = [0, 1, 2] as const;

function placesOf(root: unknown): YamlPlaces {
  const records: number[] = [];
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const nameOf = (key: string): number => {
    let index = keyIndex.get(key);
    if (index === undefined) keyIndex.set(key, (index = keys.push(key) - 1));
    return index;
  };
  const add = (node: unknown, parent: number, name: number, key: Span | undefined): void => {
    const index = records.length / FIELDS;
    const value = rangeOf(node);
    records.push(parent, isMap(node) ? MAP : isSeq(node) ? SEQ : OTHER, name, key?.[0] ?? -1, key?.[1] ?? -1, value?.[0] ?? -1, value?.[1] ?? -1);
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const written = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (written === undefined || seen.has(written)) continue;
        seen.add(written);
        add(pair.value, index, nameOf(written), rangeOf(pair.key));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, position) => add(item, index, position, undefined));
    }
  };
  add(root, -1, -1, undefined);
  return { records, keys };
}

/** Finds where a path was written, from places kept by `parseYaml` (or a cache of them). */
export function locator(places: YamlPlaces, lines: LineIndex, offset: number): PositionedYaml['locate'] {
  const { records, keys } = places;
  const childOf = (parent: number, matches: (name: number) => boolean): number => {
    for (let at = (parent + 1) * FIELDS; at < records.length; at += FIELDS) {
      if (records[at + PARENT] === parent && matches(records[at + NAME]!)) return at / FIELDS;
    }
    return -1;
  };
  const spanAt = (node: number, start: number, end: number): Span | undefined => {
    const from = records[node * FIELDS + start]!;
    return from === -1 ? undefined : [from, records[node * FIELDS + end]!];
  };
  return (path, part = 'value') => {
    let node = 0;
    let best = spanAt(0, VALUE_START, VALUE_END);
    for (const segment of path) {
      const kind = node === -1 ? OTHER : records[node * FIELDS + KIND];
      if (kind === MAP) {
        node = childOf(node, (name) => keys[name] === String(segment));
        if (node === -1) break;
        best = spanAt(node, KEY_START, KEY_END) ?? best;
        if (segment === path[path.length - 1] && part === 'key') break;
        best = spanAt(node, VALUE_START, VALUE_END) ?? best;
      } else if (kind === SEQ && typeof segment === 'number') {
        node = childOf(node, (name) => name === segment);
        if (node !== -1) best = spanAt(node, VALUE_START, VALUE_END) ?? best;
      } else break;
    }
    return best ? lines.range(offset + best[0], offset + best[1]) : pointRange(lines.position(offset).line);
  };
}

function firstAlias(doc: Document, lines: LineIndex, offset: number): SourceRange | undefined {
  let range: [number, number] | undefined;
  visit(doc, {
    Alias(_, node) {
      range = rangeOf(node);
      return visit.BREAK;
    },
  });
  return range && lines.range(offset + range[0], offset + range[1]);
}

function rangeOf(node: unknown): Span | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

function describeYamlError(code: string, message: string): string {
  const text = firstLine(message).replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'TAB_AS_INDENT' || /tab/i.test(text)) return 'a tab is used to indent: YAML needs spaces (indent with two spaces)';
  if (code === 'DUPLICATE_KEY') return `${text}: each field may appear only once`;
  if (code === 'BLOCK_AS_IMPLICIT_KEY') return 'a value holds ": ", which YAML reads as another field: put the value in quotes, e.g. title: "Flu shots: the facts"';
  if (code === 'BAD_SCALAR_START') return `${text}: put the value in quotes, e.g. "@cedarvalleyhealth"`;
  return `the YAML could not be read: ${text}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/^YAML\w*Error: /, '');
}
