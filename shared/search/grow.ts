/** Doubles small buffers but grows big ones by a quarter: at 100,000 articles doubling would waste 100 MB. */
export function grownSize(current: number, needed: number): number {
  const step = current < 1 << 24 ? Math.max(current, 1 << 16) : current >>> 2;
  return Math.max(needed, current + step);
}
