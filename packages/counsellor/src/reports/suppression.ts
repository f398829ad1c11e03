/**
 * Small-number suppression for one table of counts, so that no one can be recognised.
 *
 * - Primary: a count from 1 to threshold-1 is shown as "fewer than N". A 0 is shown: nobody is
 *   in it.
 * - Arithmetic: a reader knows the bounds of every hidden cell (a primary one lies in
 *   [1, threshold-1], a complementary one in [threshold, total]) and what the cells add up to
 *   (exactly the total when each case is in one cell, at least the total when a case may be in
 *   several). Whenever that pins a hidden cell to one value, the smallest shown non-zero cell is
 *   hidden as well (complementary suppression), until no hidden cell can be worked out.
 * - If even hiding every cell does not help (a table of two cells, 1 and 5, with the total 6
 *   shown), the whole table is withheld.
 * feasibleRange is the reader's arithmetic; the tests attack the result with an independent
 * enumeration.
 */

type Suppression = 'primary' | 'complementary' | null;

export interface Cell {
  readonly key: string;
  readonly value: number;
}

export interface ProtectedCell extends Cell {
  readonly suppressed: Suppression;
}

export interface ProtectedTable {
  readonly cells: ProtectedCell[];
  /** Every cell hidden and still not safe: the table is not shown at all. */
  readonly withheld: boolean;
}

export interface TableRule {
  readonly threshold: number;
  /** The total the report shows (the number of cases), or null when that total is itself hidden. */
  readonly total: number | null;
  /** Each case is in exactly one cell (outcome, quarter, unit), or in one or more (categories, support). */
  readonly oneCellPerCase: boolean;
}

interface Bounds {
  readonly lo: number;
  readonly hi: number;
}

/** What the reader knows of a hidden cell from its label. */
function boundsOf(suppressed: Exclude<Suppression, null>, rule: TableRule): Bounds {
  const max = rule.total ?? rule.threshold - 1;
  return suppressed === 'primary' ? { lo: 1, hi: Math.min(rule.threshold - 1, max) } : { lo: rule.threshold, hi: Math.max(rule.threshold, max) };
}

/** The sum of all cells, as the reader can bound it. */
function sumBounds(rule: TableRule, cellCount: number): Bounds {
  if (rule.total === null) return { lo: 1, hi: rule.oneCellPerCase ? rule.threshold - 1 : (rule.threshold - 1) * cellCount };
  return rule.oneCellPerCase ? { lo: rule.total, hi: rule.total } : { lo: rule.total, hi: rule.total * cellCount };
}

/** The values a hidden cell can take, given every other cell's label (interval arithmetic; exact for sums of intervals). */
function feasibleRange(cells: readonly ProtectedCell[], index: number, rule: TableRule): Bounds {
  const sum = sumBounds(rule, cells.length);
  let shown = 0;
  let othersLo = 0;
  let othersHi = 0;
  for (const [i, c] of cells.entries()) {
    if (i === index) continue;
    if (c.suppressed === null) shown += c.value;
    else {
      const b = boundsOf(c.suppressed, rule);
      othersLo += b.lo;
      othersHi += b.hi;
    }
  }
  const own = boundsOf(cells[index]!.suppressed ?? 'primary', rule);
  return { lo: Math.max(own.lo, sum.lo - shown - othersHi), hi: Math.min(own.hi, sum.hi - shown - othersLo) };
}

function exposed(cells: readonly ProtectedCell[], rule: TableRule): boolean {
  return cells.some((c, i) => c.suppressed !== null && feasibleRange(cells, i, rule).lo >= feasibleRange(cells, i, rule).hi);
}

export function protectTable(input: readonly Cell[], rule: TableRule): ProtectedTable {
  if (rule.threshold < 2) throw new RangeError('the threshold must be at least 2');
  const cells: ProtectedCell[] = input.map((c) => ({ ...c, suppressed: c.value > 0 && c.value < rule.threshold ? 'primary' : null }));
  if (!cells.some((c) => c.suppressed)) return { cells, withheld: false };
  while (exposed(cells, rule)) {
    let pick = -1;
    for (const [i, c] of cells.entries()) {
      if (c.suppressed === null && c.value > 0 && (pick === -1 || c.value < cells[pick]!.value)) pick = i;
    }
    if (pick === -1) {
      return { cells: cells.map((c) => ({ ...c, suppressed: c.value > 0 ? (c.suppressed ?? 'complementary') : c.suppressed })), withheld: true };
    }
    cells[pick] = { ...cells[pick]!, suppressed: 'complementary' };
  }
  return { cells, withheld: false };
}
