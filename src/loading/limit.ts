/** Files read at once: enough to keep the disk busy, far below the open-file limit (EMFILE at 50,000 posts). */
export const OPEN_FILES = 64;

/** `items.map(fn)` with at most `limit` calls in flight, results in the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
