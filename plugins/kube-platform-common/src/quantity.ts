/**
 * Kubernetes resource quantities (`500m`, `1.5Gi`, `2e3`, `100`), parsed the way
 * apimachinery's resource.Quantity does, to plain numbers. CPU comes out in cores,
 * memory and storage in bytes, counts as counts.
 */

const BINARY_SUFFIXES: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

// Same grammar as apimachinery: a signed decimal number, then a binary or decimal
// suffix or a decimal exponent. Nothing else is accepted (no spaces, no "1 Gi").
const QUANTITY_PATTERN =
  /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** True when the string is a valid Kubernetes quantity. */
export function isQuantity(value: string): boolean {
  return QUANTITY_PATTERN.test(value);
}

/**
 * Parses a Kubernetes quantity to a number in base units.
 *
 * @throws TypeError when the string is not a valid quantity.
 */
export function parseQuantity(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError(`Invalid quantity: ${value}`);
    }
    return value;
  }
  const match = QUANTITY_PATTERN.exec(value);
  if (!match) {
    throw new TypeError(`Invalid quantity: "${value}"`);
  }
  const [, numberPart, suffix = ''] = match;
  const base = Number(numberPart);
  if (suffix in BINARY_SUFFIXES) {
    return base * BINARY_SUFFIXES[suffix];
  }
  if (suffix in DECIMAL_SUFFIXES) {
    return base * DECIMAL_SUFFIXES[suffix];
  }
  // Decimal exponent such as e3 / E-2.
  return base * 10 ** Number(suffix.slice(1));
}

/** Formats CPU cores the way kubectl shows them: whole cores or millicores. */
export function formatCpu(cores: number): string {
  const millis = Math.round(cores * 1000);
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Formats bytes with the largest binary suffix that keeps a readable number. */
export function formatBytes(bytes: number): string {
  const units = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'];
  for (const unit of units) {
    const size = BINARY_SUFFIXES[unit];
    if (Math.abs(bytes) >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)}${unit}`;
    }
  }
  return String(bytes);
}
