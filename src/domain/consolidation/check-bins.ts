/**
 * Independent checker of a one-dimensional packing, written from the problem statement alone:
 * it imports nothing from the packers. Every item must appear exactly once and no bin may hold
 * more than the capacity.
 */
export function checkBinPacking(
  sizes: readonly number[],
  capacity: number,
  bins: readonly (readonly number[])[],
): string[] {
  const problems: string[] = [];
  const seen = new Array<number>(sizes.length).fill(0);
  bins.forEach((bin, b) => {
    let total = 0;
    for (const i of bin) {
      if (!Number.isInteger(i) || i < 0 || i >= sizes.length) {
        problems.push(`bin ${b} holds unknown item ${i}`);
        continue;
      }
      seen[i]!++;
      total += sizes[i]!;
    }
    if (total > capacity) problems.push(`bin ${b} holds ${total} > capacity ${capacity}`);
    if (bin.length === 0) problems.push(`bin ${b} is empty`);
  });
  seen.forEach((n, i) => {
    if (n === 0) problems.push(`item ${i} is not packed`);
    if (n > 1) problems.push(`item ${i} is packed ${n} times`);
  });
  return problems;
}
