import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.js';

describe('createLimiter', () => {
  it('keeps at most `limit` tasks in flight, and each caller gets its own result', async () => {
    const limit = createLimiter(2);
    let inFlight = 0;
    let most = 0;
    const results = await Promise.all(
      [5, 1, 4, 2, 3, 0].map((n) =>
        limit(async () => {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setTimeout(resolve, n));
          inFlight--;
          return n * 10;
        }),
      ),
    );
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });

  it('frees its place when a task fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await limit(async () => 'next')).toBe('next');
  });
});
