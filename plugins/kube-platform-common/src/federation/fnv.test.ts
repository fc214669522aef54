import { fnv1Hash32 } from './fnv';

describe('fnv1Hash32', () => {
  // Published FNV-1 32-bit check values (Landon Curt Noll's test suite).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0x050c5d7e],
    ['b', 0x050c5d7d],
    ['ab', 0x70772d38],
    ['abc', 0x439c2f4b],
    ['foo', 0x408f5e13],
    ['foobar', 0x31f0b262],
    ['chongo w', 0x846d619e],
  ])('hashes %j to the reference value', (text, expected) => {
    expect(fnv1Hash32(text)).toBe(expected);
  });

  it('hashes the UTF-8 bytes, not UTF-16 code units', () => {
    // "é" is the two bytes c3 a9 in UTF-8.
    const manual = ((Math.imul(0x811c9dc5, 0x01000193) >>> 0) ^ 0xc3) >>> 0;
    const expected = ((Math.imul(manual, 0x01000193) >>> 0) ^ 0xa9) >>> 0;
    expect(fnv1Hash32('é')).toBe(expected);
  });
});
