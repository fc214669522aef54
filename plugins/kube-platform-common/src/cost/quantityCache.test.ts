import { createQuantityParser } from './quantityCache';

describe('createQuantityParser', () => {
  it('parses like parseQuantity, with 0 for an absent quantity', () => {
    const parse = createQuantityParser();
    expect(parse('250m')).toBe(0.25);
    expect(parse('250m')).toBe(0.25); // second time from memory
    expect(parse('1Gi')).toBe(2 ** 30);
    expect(parse(3)).toBe(3);
    expect(parse(undefined)).toBe(0);
  });

  it('still refuses what is not a quantity, every time', () => {
    const parse = createQuantityParser();
    expect(() => parse('1 Gi')).toThrow('Invalid quantity');
    expect(() => parse('1 Gi')).toThrow('Invalid quantity');
  });
});
