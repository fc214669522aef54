import { parseQuantity } from '../quantity';

/**
 * Parses Kubernetes quantities, remembering each distinct string: the pods of
 * a cluster repeat the same few request strings, and a sample over 100 000
 * pods would otherwise run the quantity grammar hundreds of thousands of times.
 * Make one per sample; it grows with the number of distinct strings only.
 */
export function createQuantityParser(): (
  value: string | number | undefined,
) => number {
  const parsed = new Map<string, number>();
  return value => {
    if (value === undefined) return 0;
    // Cached pods hold base-unit numbers already: only a non-finite one needs the parser (to throw).
    if (typeof value === 'number') {
      return Number.isFinite(value) ? value : parseQuantity(value);
    }
    let result = parsed.get(value);
    if (result === undefined) {
      result = parseQuantity(value);
      parsed.set(value, result);
    }
    return result;
  };
}
