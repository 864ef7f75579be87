import { auditRepository } from '../../audit/index.js';
import { formatPreviewJson, formatPreviewText } from '../../formats/preview.js';
import { loadRepository } from '../../loading/repository.js';
import { findPost, previewOf } from '../../preview/index.js';
import type { CommandContext } from '../context.js';

export async function runPreviewCommand(given: string, flags: { network?: string; format: 'text' | 'json' }, context: CommandContext): Promise<number> {
  const repository = await loadRepository(context.cwd, { cache: true });
  const post = findPost(repository, context.cwd, given);
  const result = await auditRepository(repository, { cwd: repository.root, paths: [post.file], now: context.now, cache: true });
  const preview = previewOf(result, post, flags.network);
  context.stdout.write(flags.format === 'json' ? formatPreviewJson(preview) : formatPreviewText(preview, { color: context.color && context.stdout.isTTY }));
  const shown = [...preview.findings, ...preview.networks.flatMap((n) => n.findings)];
  // As every command: errors the post would be published with make the exit code 1.
  return shown.some((f) => f.severity === 'error') ? 1 : 0;
}
