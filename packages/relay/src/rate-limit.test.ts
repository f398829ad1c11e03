// The limiter's arithmetic with explicit times, and how clients are told apart.
import { describe, expect, it } from 'vitest';
import { clientNetwork, RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows perMinute at once, then one more each 60/perMinute seconds, with an honest Retry-After', () => {
    const limiter = new RateLimiter(6);
    const t0 = 1_000_000;
    for (let i = 0; i < 6; i++) expect(limiter.take('a', t0)).toBe(0);
    expect(limiter.take('a', t0)).toBe(10);
    expect(limiter.take('a', t0 + 5_000)).toBe(5);
    expect(limiter.take('a', t0 + 10_000)).toBe(0);
    expect(limiter.take('a', t0 + 10_000)).toBe(10);
    // Another client has its own bucket.
    expect(limiter.take('b', t0)).toBe(0);
  });

  it('peek tells without counting', () => {
    const limiter = new RateLimiter(2);
    expect(limiter.peek('a', 0)).toBe(0);
    limiter.take('a', 0);
    expect(limiter.peek('a', 0)).toBe(0);
    limiter.take('a', 0);
    expect(limiter.peek('a', 0)).toBe(30);
    expect(limiter.peek('a', 0)).toBe(30);
    expect(limiter.peek('a', 30_000)).toBe(0);
  });

  it('forgets clients whose bucket is full again, and holds at most maxClients', () => {
    const limiter = new RateLimiter(60, { maxClients: 3 });
    for (const key of ['a', 'b', 'c']) limiter.take(key, 0);
    expect(limiter.size).toBe(3);
    // The fourth client, while the others are still counted, shares the overflow bucket.
    for (let i = 0; i < 60; i++) expect(limiter.take(`new-${i}`, 10)).toBe(0);
    expect(limiter.take('new-x', 10)).toBeGreaterThan(0);
    expect(limiter.size).toBe(4);
    // A minute later every bucket has refilled: all are dropped.
    expect(limiter.take('d', 120_000)).toBe(0);
    expect(limiter.size).toBe(1);
  });

  it('still locks out failed tokens once the table is full: peek sees what take counted', () => {
    // As the relay uses it for failed tokens: peek before the attempt, take after a failure.
    const failedTokens = new RateLimiter(3, { maxClients: 2 });
    failedTokens.take('a', 0);
    failedTokens.take('b', 0);
    for (let i = 0; i < 3; i++) {
      expect(failedTokens.peek('guesser', 10)).toBe(0);
      failedTokens.take('guesser', 10);
    }
    expect(failedTokens.peek('guesser', 10)).toBeGreaterThan(0);
    // Every client the table has no room for shares the locked-out bucket.
    expect(failedTokens.peek('another-new-client', 10)).toBeGreaterThan(0);
    // Clients the table holds keep their own bucket.
    expect(failedTokens.peek('a', 10)).toBe(0);
    // peek never adds a client.
    expect(failedTokens.size).toBe(3);
  });

  it('still limits submissions once the table is full', () => {
    const submissions = new RateLimiter(2, { maxClients: 2 });
    submissions.take('a', 0);
    submissions.take('b', 0);
    expect(submissions.take('flooder', 10)).toBe(0);
    expect(submissions.take('flooder', 10)).toBe(0);
    expect(submissions.take('flooder', 10)).toBeGreaterThan(0);
    expect(submissions.take('flooder-next-address', 10)).toBeGreaterThan(0);
  });
});

describe('clientNetwork', () => {
  it('is the IPv4 address, also when written IPv4-mapped', () => {
    expect(clientNetwork('192.0.2.1')).toBe('192.0.2.1');
    expect(clientNetwork('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    expect(clientNetwork('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('leaves anything else as it is', () => {
    expect(clientNetwork('unknown')).toBe('unknown');
  });
});
