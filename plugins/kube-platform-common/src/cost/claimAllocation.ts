import { parseQuantity } from '../quantity';
import type { CostPersistentVolumeClaim } from './costInputs';
import { type CostInterval, overlapHours } from './costTime';
import { GIB } from './podAllocation';
import { type CostPricing, storageClassPrice } from './pricing';

/** A claim that cost nothing in the interval, and why. */
export interface UnchargedClaim {
  namespace: string;
  name: string;
  phase: string;
  reason: string;
}

/** Storage of one bound claim over one interval. */
export interface ClaimCharge {
  namespace: string;
  name: string;
  storageGiBHours: number;
  storageCost: number;
}

/**
 * Storage of each claim over the interval: capacity × the hours it existed in
 * the interval, at its StorageClass's price. Only `Bound` claims are charged: a
 * Pending claim has no volume behind it yet (and a Lost one no longer has), so
 * it costs nothing and is listed in `uncharged` to say so. The phase seen at
 * sampling time stands for the whole interval.
 */
export function chargeClaims(
  claims: readonly CostPersistentVolumeClaim[],
  pricing: CostPricing,
  interval: CostInterval,
  now: number = interval.end,
): { charges: ClaimCharge[]; uncharged: UnchargedClaim[] } {
  const charges: ClaimCharge[] = [];
  const uncharged: UnchargedClaim[] = [];
  for (const claim of claims) {
    const { namespace, name, phase } = claim;
    if (phase !== 'Bound') {
      const reason = `not bound (${phase}): no volume, no cost`;
      uncharged.push({ namespace, name, phase, reason });
      continue;
    }
    const hours = overlapHours(
      interval,
      claim.createdAt ?? -Infinity,
      claim.deletedAt ?? now,
    );
    if (hours === 0) continue;
    const gib =
      claim.capacity === undefined ? 0 : parseQuantity(claim.capacity) / GIB;
    const storageGiBHours = gib * hours;
    const price = storageClassPrice(pricing, claim.storageClass);
    charges.push({
      namespace,
      name,
      storageGiBHours,
      storageCost: storageGiBHours * price,
    });
  }
  return { charges, uncharged };
}
