import { formatPreviewJson, formatPreviewText } from '../../preview/format.js';
import { previewPost } from '../../preview/index.js';
import type { GlobalOptions } from '../index.js';

export async function runPreviewCommand(post: string, flags: { network?: string; format: 'text' | 'json' }, globals: GlobalOptions): Promise<number> {
  const preview = await previewPost({ cwd: globals.cwd, post, network: flags.network, now: new Date() });
  const color = globals.color && process.stdout.isTTY === true;
  process.stdout.write(flags.format === 'json' ? formatPreviewJson(preview) : formatPreviewText(preview, { color }));
  const shown = [...preview.findings, ...preview.networks.flatMap((n) => n.findings)];
  // As every command: errors the post would be published with make the exit code 1.
  return shown.some((f) => f.severity === 'error') ? 1 : 0;
}
