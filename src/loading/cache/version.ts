import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT, packagePath } from '../../util/package.js';

/** The version of a cache's contents: a hash of the code and data that make them and of the libraries they use. */
export function versionOf(folders: readonly string[], libraries: readonly string[]): string {
  const hash = createHash('sha1');
  for (const folder of folders) hashFolder(hash, folder);
  for (const library of libraries) hash.update(`${library}@${installedVersion(library)}`);
  return hash.digest('base64url');
}

/** A folder of this package's code (`dist/…` when running the build, `src/…` under tests). */
export function codeFolder(...parts: string[]): string {
  const codeRoot = path.relative(PACKAGE_ROOT, fileURLToPath(import.meta.url)).split(path.sep)[0]!;
  return packagePath(codeRoot, ...parts);
}

/** The package's own `data/` (word lists, reach figures), beside `dist/` and `src/`. */
export const DATA_FOLDER = packagePath('data');

function hashFolder(hash: Hash, folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) hashFolder(hash, full);
    else if (!entry.name.endsWith('.test.ts') && !entry.name.endsWith('.map')) hash.update(entry.name).update(readFileSync(full));
  }
}

function installedVersion(name: string): string {
  let folder = path.dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest)) {
      const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (found === name) return version ?? 'unknown';
    }
    const parent = path.dirname(folder);
    if (parent === folder) return 'unknown';
    folder = parent;
  }
}
