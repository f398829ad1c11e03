// The JSON log holds request lines back and writes them together once a minute, so the time stamp
// a log collector adds tells only the minute of a request, like the stored receivedAt.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonLog } from './log.js';

const line = { method: 'POST', route: '/v1/mailboxes/:id/requests', status: 202, ms: 3.4 };

function capture() {
  const writes: string[] = [];
  return { writes, stream: { write: (chunk: string) => writes.push(chunk) } };
}

describe('jsonLog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes request lines only once a minute, together, in the order they came', () => {
    const { writes, stream } = capture();
    const log = jsonLog(stream);
    log.request(line);
    log.request({ ...line, status: 422 });
    vi.advanceTimersByTime(59_000);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(writes).toEqual([`${JSON.stringify(line)}\n${JSON.stringify({ ...line, status: 422 })}\n`]);
    vi.advanceTimersByTime(60_000);
    expect(writes).toHaveLength(1);
  });

  it('writes event lines at once, without the request lines held back', () => {
    const { writes, stream } = capture();
    const log = jsonLog(stream);
    log.request(line);
    log.event('error', 'store-failed', { operation: 'add' });
    expect(writes).toEqual(['{"level":"error","event":"store-failed","operation":"add"}\n']);
  });

  it('writes what it holds on flush() (at a stop) and when it holds too much', () => {
    const { writes, stream } = capture();
    const log = jsonLog(stream, { maxHeldChars: 200 });
    log.request(line);
    log.flush();
    expect(writes).toEqual([`${JSON.stringify(line)}\n`]);
    for (let i = 0; i < 3; i++) log.request(line);
    expect(writes).toHaveLength(2);
    expect(writes[1]!.split('\n').filter(Boolean)).toHaveLength(3);
  });
});
