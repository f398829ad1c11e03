import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brotliBytes, budgetMisses, WIDGET_BUDGETS } from './budget.mjs';

describe('budget', () => {
  it('counts the bytes of the file compressed at brotli quality 11, from a string or from bytes', () => {
    const code = 'export const a = "vertrouwenspersoon";\n'.repeat(200);
    const packed = brotliCompressSync(Buffer.from(code), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    expect(brotliDecompressSync(packed).toString()).toBe(code);
    expect(brotliBytes(code)).toBe(packed.length);
    expect(brotliBytes(Buffer.from(code))).toBe(packed.length);
  });

  it('names each size over its budget, and only those; a size at its budget passes', () => {
    const misses = budgetMisses({ mainBrotli: WIDGET_BUDGETS.mainBrotli + 1, cryptoBrotli: WIDGET_BUDGETS.cryptoBrotli });
    expect(misses).toEqual([`vp-contact.js is ${WIDGET_BUDGETS.mainBrotli + 1} bytes brotli, over its budget of ${WIDGET_BUDGETS.mainBrotli}.`]);
    expect(budgetMisses({ cryptoBrotli: 11 }, { cryptoBrotli: 10 })).toEqual(['The crypto chunk is 11 bytes brotli, over its budget of 10.']);
  });

  it('checks no size it was not given', () => {
    expect(budgetMisses({}, { mainBrotli: 0, cryptoBrotli: 0 })).toEqual([]);
  });
});
