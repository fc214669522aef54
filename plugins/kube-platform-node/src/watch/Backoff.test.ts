import { Backoff } from './Backoff';

describe('Backoff', () => {
  it('doubles from 0.5 s up to 30 s without jitter at the midpoint', () => {
    const backoff = new Backoff(undefined, () => 0.5);
    const delays = Array.from({ length: 9 }, () => backoff.next());
    expect(delays).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('spreads each delay by up to ±25 % while staying within 0.5–30 s', () => {
    const low = new Backoff(undefined, () => 0);
    const high = new Backoff(undefined, () => 0.999999);
    const lows = Array.from({ length: 8 }, () => low.next());
    const highs = Array.from({ length: 8 }, () => high.next());
    expect(lows).toEqual([
      500, 750, 1_500, 3_000, 6_000, 12_000, 22_500, 22_500,
    ]);
    expect(highs).toEqual([
      625, 1_250, 2_500, 5_000, 10_000, 20_000, 30_000, 30_000,
    ]);

    const random = new Backoff();
    for (let i = 0; i < 100; i++) {
      const delay = random.next();
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
  });

  it('starts over after reset', () => {
    const backoff = new Backoff(undefined, () => 0.5);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });
});
