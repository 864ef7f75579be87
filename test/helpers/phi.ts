// The PHI recognisers with the example practice's facts, for their unit tests: unweighed by the model
// (src/phi/weigh.test.ts tests the weighing).
import { createPhiScanner, type PhiField, type PhiType } from '../../src/phi/index.js';

export const scanner = createPhiScanner(
  {
    name: 'Cedar Valley Family Health',
    phones: ['844-466-7225', '844-466-7229'],
    addresses: ['4100 Brookside Pkwy, Suite 210, Millbrook, OH 43081'],
    websites: ['https://cedarvalleyhealth.com'],
    emails: ['hello@cedarvalleyhealth.com'],
    handles: ['@cedarvalleyhealth'],
    staff: ['Dr. Priya Natarajan', 'Jenna Whitfield NP', 'Dr. Marcus Okafor', 'Rosa Delgado RN', 'Tom Brennan PA-C'],
  },
  { currentYear: 2026, model: null },
);

/** The text each match of `type` covers (assertions only; the engine never prints it). */
export const hits = (text: string, type: PhiType, field: PhiField = 'body'): string[] =>
  scanner.scan(text, field).filter((m) => m.type === type).map((m) => text.slice(m.start, m.end));

export const clean = (text: string, field: PhiField = 'body'): boolean => scanner.scan(text, field).length === 0;
