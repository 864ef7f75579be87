/**
 * The record key of a post on Bluesky, derived from the post so that a repeated create for the same
 * post names the same record, which the PDS refuses to make twice.
 *
 * `app.bsky.feed.post` record keys must be TIDs: a 64-bit integer whose top bit is 0, made of a 53-bit
 * timestamp in microseconds and a 10-bit clock id, written as 13 characters of the base32-sortable
 * alphabet `234567abcdefghijklmnopqrstuvwxyz`. Here both parts come from SHA-256 of the post's
 * idempotency key: the clock id takes 10 bits and the timestamp 48 more, as an offset from
 * 2015-01-01T00:00:00Z (so every derived timestamp lies between 2015 and late 2023, in the past, never
 * in the future). 58 bits of hash leave a collision between two posts of one account out of reach.
 */
import { createHash } from 'node:crypto';

const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';
const EPOCH_US = BigInt(Date.UTC(2015, 0, 1)) * 1000n;
const TIMESTAMP_BITS = 48n;
const CLOCK_BITS = 10n;

/** The syntax of a TID (atproto's own check). */
export const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

/** The TID record key of the post with this idempotency key: always the same for the same key. */
export function recordKeyFor(idempotencyKey: string): string {
  const digest = createHash('sha256').update(`plan/bluesky/rkey/${idempotencyKey}`).digest();
  const bits = digest.readBigUInt64BE(0);
  const clock = bits & ((1n << CLOCK_BITS) - 1n);
  const offset = (bits >> CLOCK_BITS) & ((1n << TIMESTAMP_BITS) - 1n);
  return encodeTid(((EPOCH_US + offset) << CLOCK_BITS) | clock);
}

/** A 63-bit value as 13 base32-sortable characters. */
export function encodeTid(value: bigint): string {
  if (value < 0n || value >= 1n << 63n) throw new RangeError('a TID is a 63-bit value');
  let out = '';
  for (let i = 12n; i >= 0n; i--) out += ALPHABET[Number((value >> (5n * i)) & 31n)];
  return out;
}

/** The microsecond timestamp a TID carries. */
export function tidTimestamp(tid: string): number {
  let value = 0n;
  for (const char of tid) value = (value << 5n) | BigInt(ALPHABET.indexOf(char));
  return Number(value >> CLOCK_BITS);
}
