import { formatBytes, formatCpu, isQuantity, parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['500m', 0.5],
    ['100m', 0.1],
    ['1', 1],
    ['8', 8],
    ['1.5', 1.5],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1Ti', 2 ** 40],
    ['1k', 1000],
    ['1M', 1e6],
    ['2e3', 2000],
    ['1E-2', 0.01],
    ['250u', 0.00025],
    ['.5', 0.5],
    ['+1Ki', 1024],
  ])('parses %s', (input, expected) => {
    expect(parseQuantity(input)).toBeCloseTo(expected, 9);
  });

  it.each([
    '',
    'abc',
    '1 Gi',
    '1GB',
    '1gi',
    'Gi',
    '--1',
    '1.2.3',
    '1Gi ',
    'NaN',
  ])('rejects %p', input => {
    expect(isQuantity(input)).toBe(false);
    expect(() => parseQuantity(input)).toThrow(TypeError);
  });

  it('passes finite numbers through and rejects infinities', () => {
    expect(parseQuantity(42)).toBe(42);
    expect(() => parseQuantity(Infinity)).toThrow(TypeError);
  });
});

describe('formatting', () => {
  it('formats cpu as cores or millicores', () => {
    expect(formatCpu(2)).toBe('2');
    expect(formatCpu(0.5)).toBe('500m');
    expect(formatCpu(parseQuantity('1500m'))).toBe('1500m');
  });

  it('formats bytes with binary suffixes', () => {
    expect(formatBytes(parseQuantity('200Gi'))).toBe('200Gi');
    expect(formatBytes(parseQuantity('1536Mi'))).toBe('1.5Gi');
    expect(formatBytes(512)).toBe('512');
  });
});
