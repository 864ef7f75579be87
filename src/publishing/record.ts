import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { RECORD_FILE, type RecordEntry } from '../loading/record.js';

/** Appends one entry to the working-tree record and forces it to disk before returning. */
export async function appendEntry(root: string, entry: RecordEntry): Promise<void> {
  const file = path.join(root, RECORD_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  try {
    await handle.write(`${JSON.stringify(entry)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
