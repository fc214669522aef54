import { parseJsonPointer } from './jsonPointer';

/** JSON-patch operations KubeFed overrides support. */
export const OVERRIDE_OPERATIONS = ['add', 'replace', 'remove'] as const;

/** One KubeFed-style override: a JSON-patch operation on a JSON-pointer path. */
export interface ClusterOverride {
  /** Defaults to `replace`, as in KubeFed. */
  op?: (typeof OVERRIDE_OPERATIONS)[number];
  path: string;
  value?: unknown;
}

/** An override that could not be applied to the rendered object of one cluster. */
export class OverrideError extends Error {
  readonly cluster: string;
  readonly path: string;

  constructor(cluster: string, path: string, reason: string) {
    super(`Override on cluster ${cluster} at ${path}: ${reason}`);
    this.name = 'OverrideError';
    this.cluster = cluster;
    this.path = path;
  }
}

type Json = Record<string, unknown> | unknown[];

/**
 * Applies the overrides in order to a copy of the object, with JSON-patch
 * semantics: `replace` and `remove` need the target to exist, `add` needs its
 * parent; an array index may be `-` or the length to append with `add`.
 *
 * @throws OverrideError naming the cluster and path of the first bad override.
 */
export function applyOverrides<T extends object>(
  object: T,
  overrides: readonly ClusterOverride[],
  cluster: string,
): T {
  const result = cloneJson(object);
  for (const override of overrides) {
    const fail = (reason: string) =>
      new OverrideError(cluster, override.path, reason);
    let tokens: string[];
    try {
      tokens = parseJsonPointer(override.path);
    } catch (e) {
      throw fail((e as Error).message);
    }
    if (tokens.length === 0) throw fail('cannot replace the whole object');
    const parent = resolveParent(result as Json, tokens, fail);
    applyOperation(
      parent,
      tokens[tokens.length - 1],
      override.op ?? 'replace',
      override.value,
      fail,
    );
  }
  return result;
}

function resolveParent(
  root: Json,
  tokens: string[],
  fail: (reason: string) => OverrideError,
): Json {
  let node: unknown = root;
  for (let i = 0; i < tokens.length - 1; i += 1) {
    const here = `/${tokens.slice(0, i + 1).join('/')}`;
    node = childOf(node, tokens[i], () =>
      fail(`parent ${here} does not exist`),
    );
  }
  if (typeof node !== 'object' || node === null) {
    throw fail('parent is not an object or array');
  }
  return node as Json;
}

function childOf(
  node: unknown,
  token: string,
  missing: () => OverrideError,
): unknown {
  if (Array.isArray(node)) {
    const index = arrayIndex(token, node.length - 1);
    if (index === undefined) throw missing();
    return node[index];
  }
  if (typeof node === 'object' && node !== null && Object.hasOwn(node, token)) {
    return (node as Record<string, unknown>)[token];
  }
  throw missing();
}

/** A decimal index without leading zeros, at most `max`. */
function arrayIndex(token: string, max: number): number | undefined {
  if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
  const index = Number(token);
  return index <= max ? index : undefined;
}

function applyOperation(
  parent: Json,
  key: string,
  op: NonNullable<ClusterOverride['op']>,
  value: unknown,
  fail: (reason: string) => OverrideError,
): void {
  if (op !== 'remove' && value === undefined) throw fail(`${op} needs a value`);
  if (Array.isArray(parent)) {
    if (op === 'add') {
      const index =
        key === '-' ? parent.length : arrayIndex(key, parent.length);
      if (index === undefined) {
        throw fail(`index ${key} is out of range (length ${parent.length})`);
      }
      parent.splice(index, 0, cloneJson(value));
      return;
    }
    const index = arrayIndex(key, parent.length - 1);
    if (index === undefined) {
      throw fail(`index ${key} is out of range (length ${parent.length})`);
    }
    if (op === 'remove') parent.splice(index, 1);
    else parent[index] = cloneJson(value);
    return;
  }
  if (op !== 'add' && !Object.hasOwn(parent, key)) {
    throw fail(`${op} target does not exist`);
  }
  if (op === 'remove') delete parent[key];
  else parent[key] = cloneJson(value);
}

/** Deep copy of JSON data; templates are plain JSON, so this is exact. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}
