/** One entry of `metadata.managedFields`, as the API server returns it. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
}

/** A field some other field manager set on an object we applied. */
export interface ForeignField {
  /** Dotted path such as `spec.ingress` or `metadata.labels.team`. */
  path: string;
  manager: string;
}

/** Readable segment of a fieldsV1 key: `f:spec` → `spec`, `k:{"port":80}` → `[port=80]`. */
function segment(key: string): string {
  if (key.startsWith('f:')) return key.slice(2);
  if (key.startsWith('k:')) {
    try {
      const item = JSON.parse(key.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(item)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',')}]`;
    } catch {
      return `[${key.slice(2)}]`;
    }
  }
  if (key.startsWith('v:')) return `[${key.slice(2)}]`;
  return key;
}

/** The outermost owned fields of a fieldsV1 tree: a key owning itself (`.`) or a leaf. */
function ownedPaths(
  tree: Record<string, unknown>,
  prefix: string,
  out: string[],
) {
  for (const [key, value] of Object.entries(tree)) {
    if (key === '.') continue;
    const name = segment(key);
    let path = `${prefix}.${name}`;
    if (prefix === '') path = name;
    else if (name.startsWith('[')) path = `${prefix}${name}`;
    const children = (value ?? {}) as Record<string, unknown>;
    if ('.' in children || Object.keys(children).length === 0) {
      out.push(path);
    } else {
      ownedPaths(children, path, out);
    }
  }
}

/**
 * Fields of an object that managers other than ours own, from its
 * `managedFields`: what was added or changed beside what we applied (an
 * `ingress: [{}]` that opens a default-deny policy shows as `spec.ingress`).
 * Status subresources are the controllers' business and are left out.
 */
export function findForeignFields(
  managedFields: ManagedFieldsEntry[] | undefined,
  ourManager: string,
): ForeignField[] {
  const found: ForeignField[] = [];
  for (const entry of managedFields ?? []) {
    if (entry.manager === ourManager || entry.subresource || !entry.fieldsV1)
      continue;
    const paths: string[] = [];
    ownedPaths(entry.fieldsV1, '', paths);
    found.push(
      ...paths.map(path => ({ path, manager: entry.manager ?? 'unknown' })),
    );
  }
  return found;
}
