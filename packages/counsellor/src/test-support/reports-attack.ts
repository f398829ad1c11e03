/**
 * The attacker of the report's numbers: from only what a table shows (numbers, "fewer than N",
 * "hidden", the total), it lists every value each hidden cell can have, by enumerating reachable
 * sums (not by the interval formula the report code uses). A hidden cell with one possible value
 * is recovered.
 */
export interface ShownCell {
  /** The number shown, or what the label says about it. */
  readonly shown: number | 'fewer' | 'hidden';
}

export function possibleValues(cells: readonly ShownCell[], index: number, threshold: number, total: number | null, oneCellPerCase: boolean): number[] {
  const cap = total ?? threshold - 1;
  const range = (c: ShownCell): number[] => {
    if (typeof c.shown === 'number') return [c.shown];
    const [lo, hi] = c.shown === 'fewer' ? [1, Math.min(threshold - 1, cap)] : [threshold, Math.max(threshold, cap)];
    return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  };
  // Sums the other cells can reach together.
  let reachable = new Set<number>([0]);
  for (const [i, c] of cells.entries()) {
    if (i === index) continue;
    const next = new Set<number>();
    for (const s of reachable) for (const v of range(c)) next.add(s + v);
    reachable = next;
  }
  const [sumLo, sumHi] = total === null ? [1, oneCellPerCase ? threshold - 1 : (threshold - 1) * cells.length] : oneCellPerCase ? [total, total] : [total, total * cells.length];
  return range(cells[index]!).filter((v) => [...reachable].some((s) => s + v >= sumLo && s + v <= sumHi));
}
