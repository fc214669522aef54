import { type RoleIdentityKey, RoleIdentityCache } from './RoleIdentityCache';

const KEY: RoleIdentityKey = {
  cluster: 'cluster-1',
  namespace: 'team-a',
  level: 'admin',
  tenantCreatedAt: '2026-01-01T00:00:00.000Z',
  expirationSeconds: 600,
};

/** A TokenRequest stand-in: token-1, token-2, ... expiring `lifetimeSeconds` after issue. */
function issuer(clock: () => number, lifetimeSeconds = 600) {
  let issued = 0;
  const issue = jest.fn(async () => {
    issued += 1;
    return {
      value: `token-${issued}`,
      expiresAt: clock() + lifetimeSeconds * 1000,
    };
  });
  return issue;
}

describe('RoleIdentityCache', () => {
  let now = 1_700_000_000_000;
  const clock = () => now;

  it('reuses an identity for the first half of its lifetime, then issues a new one', async () => {
    const cache = new RoleIdentityCache<string>(clock);
    const issue = issuer(clock);

    expect(await cache.get(KEY, issue)).toBe('token-1');
    now += 299_999;
    expect(await cache.get(KEY, issue)).toBe('token-1');
    now += 1;
    expect(await cache.get(KEY, issue)).toBe('token-2');
    expect(issue).toHaveBeenCalledTimes(2);
  });

  it('follows a lifetime the API server shortened, and never trusts one longer than asked', async () => {
    const shortened = new RoleIdentityCache<string>(clock);
    const short = issuer(clock, 120);
    await shortened.get(KEY, short);
    now += 60_000;
    expect(await shortened.get(KEY, short)).toBe('token-2');

    const extended = new RoleIdentityCache<string>(clock);
    const long = issuer(clock, 3600);
    await extended.get(KEY, long);
    now += 300_000;
    expect(await extended.get(KEY, long)).toBe('token-2');
  });

  it('without an expiry from the server, uses the lifetime asked for', async () => {
    const cache = new RoleIdentityCache<string>(clock);
    const issue = jest.fn(async () => ({ value: 'token' }));
    await cache.get(KEY, issue);
    now += 299_000;
    await cache.get(KEY, issue);
    now += 1_000;
    await cache.get(KEY, issue);
    expect(issue).toHaveBeenCalledTimes(2);
  });

  it('shares one request between concurrent callers and does not remember a failure', async () => {
    const cache = new RoleIdentityCache<string>(clock);
    const issue = issuer(clock);
    const values = await Promise.all(
      [1, 2, 3].map(() => cache.get(KEY, issue)),
    );
    expect(values).toEqual(['token-1', 'token-1', 'token-1']);
    expect(issue).toHaveBeenCalledTimes(1);

    const other = { ...KEY, level: 'edit' };
    await expect(
      cache.get(other, async () => {
        throw new Error('serviceaccounts "team-a-edit" not found');
      }),
    ).rejects.toThrow('not found');
    expect(await cache.get(other, issue)).toBe('token-2');
  });

  it('keeps roles, clusters, lifetimes and re-created tenants apart', async () => {
    const cache = new RoleIdentityCache<string>(clock);
    const issue = issuer(clock);
    const keys = [
      KEY,
      { ...KEY, level: 'view' },
      { ...KEY, cluster: 'cluster-2' },
      { ...KEY, namespace: 'team-b' },
      { ...KEY, expirationSeconds: 3600 },
      // Deleted and created again: new ServiceAccounts, whose old tokens would be refused.
      { ...KEY, tenantCreatedAt: '2026-02-01T00:00:00.000Z' },
    ];
    const values = [];
    for (const key of keys) values.push(await cache.get(key, issue));
    expect(new Set(values).size).toBe(keys.length);
  });

  it('forgets what matches (a deleted tenant, a removed cluster) and sweeps old entries', async () => {
    const cache = new RoleIdentityCache<string>(clock);
    const issue = issuer(clock);
    await cache.get(KEY, issue);
    await cache.get({ ...KEY, level: 'view' }, issue);
    await cache.get({ ...KEY, cluster: 'cluster-2' }, issue);

    cache.forget(key => key.cluster === 'cluster-1');
    expect(cache.size).toBe(1);
    expect(await cache.get(KEY, issue)).toBe('token-4');

    now += 300_000;
    await cache.get({ ...KEY, namespace: 'team-c' }, issue);
    // Only the identity just issued is left: the others were past their reuse window.
    expect(cache.size).toBe(1);
  });
  it('drops an identity the API server refused, but not a newer one', async () => {
    const cache = new RoleIdentityCache<string>(clock);
    const issue = issuer(clock);
    const refused = await cache.get(KEY, issue);

    cache.refuse(KEY, refused);
    const fresh = await cache.get(KEY, issue);
    expect(fresh).not.toBe(refused);

    // A late 401 of the old identity leaves the new one in place.
    cache.refuse(KEY, refused);
    expect(await cache.get(KEY, issue)).toBe(fresh);
    expect(issue).toHaveBeenCalledTimes(2);
  });
});
