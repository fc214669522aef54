import { isQuantity, parseQuantity } from './quantity';

function sameScalar(desired: unknown, live: unknown): boolean {
  if (desired === live) return true;
  // The API server may normalise quantities (e.g. "1000m" to "1").
  if (
    typeof desired === 'string' &&
    typeof live === 'string' &&
    isQuantity(desired) &&
    isQuantity(live)
  ) {
    return parseQuantity(desired) === parseQuantity(live);
  }
  return typeof desired === 'number' && String(desired) === live;
}

function isEmpty(value: unknown): boolean {
  return (
    (Array.isArray(value) && value.length === 0) ||
    (!!value && typeof value === 'object' && Object.keys(value).length === 0)
  );
}

function compare(desired: unknown, live: unknown, path: string, out: string[]) {
  // The API server omits empty lists and maps (a RoleBinding without subjects).
  if (live === undefined && isEmpty(desired)) {
    return;
  }
  if (Array.isArray(desired)) {
    if (!Array.isArray(live) || live.length !== desired.length) {
      out.push(path);
      return;
    }
    desired.forEach((item, i) => compare(item, live[i], `${path}[${i}]`, out));
    return;
  }
  if (desired && typeof desired === 'object') {
    if (!live || typeof live !== 'object' || Array.isArray(live)) {
      out.push(path);
      return;
    }
    for (const [key, value] of Object.entries(desired)) {
      compare(
        value,
        (live as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
        out,
      );
    }
    return;
  }
  if (!sameScalar(desired, live)) out.push(path);
}

/**
 * Paths where the live object no longer matches what we rendered. Only fields we
 * set are compared, so defaults and fields other managers own are not drift.
 */
export function findDrift(
  desired: Record<string, unknown>,
  live: Record<string, unknown>,
): string[] {
  const out: string[] = [];
  const { metadata, apiVersion, kind, ...body } = desired as {
    metadata?: { labels?: object; annotations?: object };
    apiVersion?: string;
    kind?: string;
  };
  const liveMeta = (live.metadata ?? {}) as Record<string, unknown>;
  compare(
    metadata?.labels ?? {},
    liveMeta.labels ?? {},
    'metadata.labels',
    out,
  );
  compare(
    metadata?.annotations ?? {},
    liveMeta.annotations ?? {},
    'metadata.annotations',
    out,
  );
  compare(body, live, '', out);
  return out;
}
