import { packagePath } from '../util/package.js';
import { copyFile, mkdir, readdir, access } from 'node:fs/promises';
import path from 'node:path';

const TEMPLATE = packagePath('templates', 'init');

export interface InitResult {
  created: string[];
  /** Files that were already there and were left as they are. */
  kept: string[];
}

/** Writes a new content repository into `dir`, never overwriting a file that exists. */
export async function initRepository(dir: string): Promise<InitResult> {
  const result: InitResult = { created: [], kept: [] };
  for (const file of await templateFiles(TEMPLATE, '')) {
    const target = path.join(dir, file);
    if (await exists(target)) {
      result.kept.push(file);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(TEMPLATE, file), target);
    result.created.push(file);
  }
  await mkdir(path.join(dir, 'media'), { recursive: true });
  return result;
}

async function templateFiles(root: string, relative: string): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const child = path.join(relative, entry.name);
      return entry.isDirectory() ? templateFiles(root, child) : Promise.resolve([child]);
    }),
  );
  return nested.flat().sort();
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
