// The PHI recognisers with the example practice's facts, for their unit tests: unweighed by the model
// (src/phi/weigh.test.ts tests the weighing).
import { readFileSync } from 'node:fs';
import { createPhiScanner, type PhiField, type PhiType, type PracticeFacts } from '../../src/phi/index.js';

export const scanner = createPhiScanner(
  JSON.parse(readFileSync(new URL('../fixtures/phi/practice.json', import.meta.url), 'utf8')) as PracticeFacts,
  { currentYear: 2026, model: null },
);

/** The text each match of `type` covers (assertions only; the engine never prints it). */
export const hits = (text: string, type: PhiType, field: PhiField = 'body'): string[] =>
  scanner.scan(text, field).filter((m) => m.type === type).map((m) => text.slice(m.start, m.end));

export const clean = (text: string, field: PhiField = 'body'): boolean => scanner.scan(text, field).length === 0;
