const SUFFIXES: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** The value of a Kubernetes quantity (plain number with an optional decimal or binary suffix). */
function quantityValue(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (!match) {
    throw new Error(`unsupported quantity ${JSON.stringify(quantity)}`);
  }
  return Number(match[1]) * SUFFIXES[match[2] ?? ''];
}

/** A CPU quantity (`250m`, `1`, `1.5`) in millicores. */
export function cpuMillicores(quantity: string): number {
  return Math.round(quantityValue(quantity) * 1000);
}

/** A memory quantity (`200Mi`, `1G`, `1048576`) in bytes. */
export function memoryBytes(quantity: string): number {
  return Math.round(quantityValue(quantity));
}
