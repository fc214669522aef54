const FNV32_OFFSET_BASIS = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/**
 * FNV-1 (not FNV-1a) 32-bit hash of the UTF-8 bytes of a string, as Go's
 * `hash/fnv.New32()` computes it: multiply by the prime, then xor the byte.
 */
export function fnv1Hash32(text: string): number {
  const bytes = new TextEncoder().encode(text);
  let hash = FNV32_OFFSET_BASIS;
  for (const byte of bytes) {
    hash = Math.imul(hash, FNV32_PRIME) >>> 0;
    hash = (hash ^ byte) >>> 0;
  }
  return hash;
}
