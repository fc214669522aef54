import { listAllPages, type ListPage, type PageQuery } from './listPages';
import { statusError } from './watchErrors';

/** A collection of `size` objects served in pages, with continue tokens `page-<offset>`. */
function pagedServer(size: number, resourceVersion = '100') {
  const queries: PageQuery[] = [];
  const items = Array.from({ length: size }, (_, i) => `o${i}`);
  let expireNext: string | undefined;
  const fetchPage = async (query: PageQuery): Promise<ListPage<string>> => {
    queries.push(query);
    if (query.continue && query.continue === expireNext) {
      expireNext = undefined;
      throw statusError(
        410,
        {
          code: 410,
          reason: 'Expired',
          message:
            'The provided continue parameter is too old to display a consistent list result.',
        },
        'Listing failed',
      );
    }
    const offset = query.continue ? Number(query.continue.slice(5)) : 0;
    const end = Math.min(offset + query.limit, size);
    return {
      items: items.slice(offset, end),
      resourceVersion,
      continue: end < size ? `page-${end}` : undefined,
    };
  };
  return {
    fetchPage,
    queries,
    expire: (token: string) => (expireNext = token),
  };
}

describe('listAllPages', () => {
  it('follows continue tokens until the last page', async () => {
    const server = pagedServer(1_201);
    const list = await listAllPages(server.fetchPage, { limit: 500 });
    expect(list.items).toHaveLength(1_201);
    expect(list.items[1_200]).toBe('o1200');
    expect(list).toMatchObject({
      resourceVersion: '100',
      pages: 3,
      restarts: 0,
    });
    expect(server.queries).toEqual([
      { limit: 500, continue: undefined },
      { limit: 500, continue: 'page-500' },
      { limit: 500, continue: 'page-1000' },
    ]);
  });

  it('makes one request for a collection smaller than a page, and handles an empty one', async () => {
    expect(
      await listAllPages(pagedServer(3).fetchPage, { limit: 500 }),
    ).toMatchObject({
      items: ['o0', 'o1', 'o2'],
      pages: 1,
    });
    expect(
      await listAllPages(pagedServer(0).fetchPage, { limit: 500 }),
    ).toMatchObject({
      items: [],
      pages: 1,
    });
  });

  it('starts over from the first page when a continue token expired, keeping no page twice', async () => {
    const server = pagedServer(1_100);
    server.expire('page-1000');
    const onExpired = jest.fn();
    const list = await listAllPages(server.fetchPage, {
      limit: 500,
      onExpired,
    });
    expect(list.items).toHaveLength(1_100);
    expect(new Set(list.items).size).toBe(1_100);
    expect(list).toMatchObject({ pages: 5, restarts: 1 });
    expect(onExpired).toHaveBeenCalledTimes(1);
    expect(server.queries.map(q => q.continue)).toEqual([
      undefined,
      'page-500',
      'page-1000',
      undefined,
      'page-500',
      'page-1000',
    ]);
  });

  it('gives up after maxRestarts expired continuations', async () => {
    const fetchPage = jest.fn(async (query: PageQuery) => {
      if (query.continue)
        throw statusError(410, { code: 410 }, 'Listing failed');
      return { items: ['a'], continue: 'next' };
    });
    await expect(
      listAllPages(fetchPage, { limit: 1, maxRestarts: 2 }),
    ).rejects.toMatchObject({ code: 410 });
    // 3 attempts of 2 requests each.
    expect(fetchPage).toHaveBeenCalledTimes(6);
  });

  it('rethrows a 410 or any other error on the first page: only continuations expire', async () => {
    const gone = jest.fn(async () => {
      throw statusError(410, { code: 410 }, 'Listing failed');
    });
    await expect(listAllPages(gone, { limit: 10 })).rejects.toMatchObject({
      code: 410,
    });
    expect(gone).toHaveBeenCalledTimes(1);

    const forbidden = jest.fn(async (query: PageQuery) => {
      if (query.continue)
        throw statusError(403, { code: 403, message: 'forbidden' }, 'x');
      return { items: ['a'], continue: 'next' };
    });
    await expect(listAllPages(forbidden, { limit: 1 })).rejects.toThrow(
      'forbidden (403)',
    );
    expect(forbidden).toHaveBeenCalledTimes(2);
  });
});
