import { describe, expect, it } from 'vitest';
import { printable, printableJson } from './printable.js';

describe('printable', () => {
  it('replaces controls, bidi and invisible characters with U+FFFD; keeps tab, and line feed only where asked', () => {
    expect(printable('a\u001b[2Jb\u0007c\u009bd')).toBe('a\ufffd[2Jb\ufffdc\ufffdd');
    expect(printable('\u202eabc\u202c \u2066x\u2069 \u200by\u200d\u2060\ufeff\u00ad\u061c')).toBe('\ufffdabc\ufffd \ufffdx\ufffd \ufffdy\ufffd\ufffd\ufffd\ufffd\ufffd');
    expect(printable('één\tregel\nnog een\r')).toBe('één\tregel\ufffdnog een\ufffd');
    expect(printable('één\nregel', { multiline: true })).toBe('één\nregel');
    expect(printable('tag\u{e0041} lone \ud800 pair 😀')).toBe('tag\ufffd lone \ufffd pair 😀');
  });

  it('JSON keeps the data exactly but writes the unsafe characters as escapes', () => {
    const value = { name: 'Sam \u202eseirV\u202c', note: 'a\u001b]52;c;x\u0007b\u0085\u200b', tag: '\u{e0041}', ok: 'Zoë 😀' };
    const text = printableJson(value);
    expect(printable(text, { multiline: true })).toBe(text);
    expect(JSON.parse(text)).toEqual(value);
  });
});
