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
  const problems: YamlProblem[] = doc.errors.map((error) => ({
    message: describeYamlError(error.code, error.message),
    range: lines.range(offset + error.pos[0], offset + error.pos[1]),
  }));
  let data: unknown = null;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problems.push({
        message: /alias/i.test(String(error))
          ? 'too many YAML aliases (*name): the file expands to far more than it says; write the values out'
          : `the YAML could not be read: ${firstLine(String(error))}`,
        range: firstAlias(doc, lines, offset) ?? pointRange(lines.position(offset).line),
      });
    }
  }
  return { data, problems, locate: (path, part) => locateNode(doc, path, part, lines, offset) };
}

function locateNode(doc: Document, path: YamlPath, part: 'key' | 'value' = 'value', lines: LineIndex, offset: number): SourceRange {
  let node: unknown = doc.contents;
  let best: [number, number] | undefined = rangeOf(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const keyRange = rangeOf(pair.key);
      best = keyRange ?? best;
      node = pair.value;
      if (segment === path[path.length - 1] && part === 'key') break;
      best = rangeOf(node) ?? best;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      best = rangeOf(node) ?? best;
    } else break;
  }
  return best ? lines.range(offset + best[0], offset + best[1]) : pointRange(lines.position(offset).line);
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

function rangeOf(node: unknown): [number, number] | undefined {
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
