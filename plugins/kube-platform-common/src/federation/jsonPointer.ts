/**
 * Splits an RFC 6901 JSON pointer (`/spec/template/spec/containers/0/image`) into
 * its unescaped tokens. The empty pointer (the whole document) yields no tokens.
 *
 * @throws TypeError when the pointer does not start with `/` or has a bad escape.
 */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new TypeError(`JSON pointer "${pointer}" must start with /`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(token => {
      if (/~[^01]|~$/.test(token)) {
        throw new TypeError(`JSON pointer "${pointer}" has a bad ~ escape`);
      }
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** True when the string is a well-formed, non-empty JSON pointer. */
export function isJsonPointer(pointer: string): boolean {
  try {
    return parseJsonPointer(pointer).length > 0;
  } catch {
    return false;
  }
}

/** Fields an override may not touch: they identify the object. */
export const FORBIDDEN_OVERRIDE_PATHS = [
  ['apiVersion'],
  ['kind'],
  ['metadata', 'name'],
  ['metadata', 'namespace'],
] as const;

/**
 * True when the pointer addresses an identifying field, anything inside one, or a
 * parent that contains one (replacing `/metadata` would rename the object too).
 */
export function isForbiddenOverridePath(pointer: string): boolean {
  const tokens = parseJsonPointer(pointer);
  return FORBIDDEN_OVERRIDE_PATHS.some(forbidden => {
    const common = Math.min(tokens.length, forbidden.length);
    return forbidden.slice(0, common).every((t, i) => tokens[i] === t);
  });
}
