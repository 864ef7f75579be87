import { describe, expect, it } from 'vitest';
import { encodeTid, recordKeyFor, TID, tidTimestamp } from './rkey.js';

describe('recordKeyFor', () => {
  it('is a valid TID, the same for the same key and different for different keys', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const rkey = recordKeyFor(`key-${i}`);
      expect(rkey).toMatch(TID);
      expect(recordKeyFor(`key-${i}`)).toBe(rkey);
      keys.add(rkey);
    }
    expect(keys.size).toBe(2000);
  });

  it('carries a timestamp between 2015 and 2024, never in the future', () => {
    for (let i = 0; i < 200; i++) {
      const ms = tidTimestamp(recordKeyFor(`k${i}`)) / 1000;
      expect(ms).toBeGreaterThanOrEqual(Date.UTC(2015, 0, 1));
      expect(ms).toBeLessThan(Date.UTC(2024, 0, 1));
    }
  });

  it('is pinned: a change would re-publish every post not yet settled', () => {
    expect(recordKeyFor('abc')).toBe('3iutdvm7df6jg');
  });
});

describe('encodeTid', () => {
  it('writes 13 base32-sortable characters, sortable like the number', () => {
    expect(encodeTid(0n)).toBe('2222222222222');
    expect(encodeTid((1n << 63n) - 1n)).toBe('bzzzzzzzzzzzz');
    expect(encodeTid(1000n) < encodeTid(1001n)).toBe(true);
    expect(() => encodeTid(1n << 63n)).toThrow(RangeError);
  });
});
