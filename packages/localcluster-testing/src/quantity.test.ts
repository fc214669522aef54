import { cpuMillicores, memoryBytes } from './quantity';

describe('quantities', () => {
  it('reads CPU in millicores', () => {
    expect(cpuMillicores('250m')).toBe(250);
    expect(cpuMillicores('1')).toBe(1000);
    expect(cpuMillicores('1.5')).toBe(1500);
    expect(cpuMillicores('0')).toBe(0);
  });

  it('reads memory in bytes, binary and decimal', () => {
    expect(memoryBytes('200Mi')).toBe(200 * 2 ** 20);
    expect(memoryBytes('1Gi')).toBe(2 ** 30);
    expect(memoryBytes('1G')).toBe(1e9);
    expect(memoryBytes('334')).toBe(334);
  });

  it('rejects what it cannot read', () => {
    expect(() => cpuMillicores('1e3')).toThrow('unsupported quantity');
    expect(() => memoryBytes('-1Mi')).toThrow('unsupported quantity');
    expect(() => memoryBytes('')).toThrow('unsupported quantity');
  });
});
