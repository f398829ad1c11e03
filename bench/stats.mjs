// Small helpers shared by the benchmarks.
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

export const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Peak resident set size of a Linux process, in MB (VmHWM). */
export async function peakRssMb(pid) {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return round(kb / 1024);
}

/** A budget line: `max` or `min` bound, with the margin as a percentage of the budget. */
export function budget(name, value, { max, min, unit }) {
  const limit = max ?? min;
  const ok = max !== undefined ? value <= max : value >= min;
  const margin = max !== undefined ? (max - value) / max : (value - min) / min;
  return { name, value, limit, kind: max !== undefined ? 'max' : 'min', unit, ok, margin: round(margin * 100) };
}
