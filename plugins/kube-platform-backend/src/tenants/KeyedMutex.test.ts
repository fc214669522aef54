import { KeyedMutex } from './KeyedMutex';

describe('KeyedMutex', () => {
  it('runs work for one key strictly in order and other keys in parallel', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const task = (key: string, id: string, ms: number) =>
      mutex.run(key, async () => {
        events.push(`start ${id}`);
        await new Promise(r => setTimeout(r, ms));
        events.push(`end ${id}`);
        return id;
      });
    const results = await Promise.all([
      task('a', 'a1', 30),
      task('a', 'a2', 1),
      task('b', 'b1', 5),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(events.indexOf('end a1')).toBeLessThan(events.indexOf('start a2'));
    expect(events.indexOf('start b1')).toBeLessThan(events.indexOf('end a1'));
  });

  it('keeps going after a failure', async () => {
    const mutex = new KeyedMutex();
    await expect(
      mutex.run('a', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(mutex.run('a', async () => 'ok')).resolves.toBe('ok');
  });
});
