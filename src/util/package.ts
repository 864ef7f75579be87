import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of plan's own package (where package.json, data/ and templates/ are), found from this
 * module's place: the same answer from src/ under tests, from dist/ as built, and from a bundle's chunk.
 */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json')) && existsSync(path.join(folder, 'data'))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`plan's package.json was not found above ${from}`);
  }
}

/** A path inside plan's own package, e.g. packagePath('data', 'phi'). */
export function packagePath(...parts: string[]): string {
  return path.join(PACKAGE_ROOT, ...parts);
}

/** plan's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}
