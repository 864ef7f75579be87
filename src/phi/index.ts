/**
 * PHI engine: finds the HIPAA Safe Harbor identifiers of patients and their relatives, employers
 * and households in social posts, plus patient stories, testimonials and photos.
 *
 *   const scanner = createPhiScanner(config.practice);
 *   for (const m of scanner.scan(text, 'body')) report(PHI_RULE_BY_TYPE[m.type], m);
 *
 * Offsets are UTF-16 offsets into the scanned text; descriptions never contain the matched text.
 * No network access; name dictionaries are read once per process from data/phi.
 */
export { createPhiScanner, type ScannerOptions } from './scanner.js';
export {
  PHI_DESCRIPTIONS,
  PHI_RULE_BY_TYPE,
  type PhiField,
  type PhiMatch,
  type PhiRule,
  type PhiScanner,
  type PhiType,
  type PracticeFacts,
} from './types.js';
