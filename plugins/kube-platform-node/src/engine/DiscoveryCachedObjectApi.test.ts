import { ApiException } from '@kubernetes/client-node';
import {
  apiVersionOfPath,
  isUnknownResourceError,
} from './DiscoveryCachedObjectApi';

describe('apiVersionOfPath', () => {
  it('reads the group version of core and group paths', () => {
    expect(apiVersionOfPath('/api/v1/namespaces/a/configmaps/b')).toBe('v1');
    expect(apiVersionOfPath('/apis/apps/v1/namespaces/a/deployments/b')).toBe(
      'apps/v1',
    );
    expect(apiVersionOfPath('/apis/example.com/v1alpha1')).toBe(
      'example.com/v1alpha1',
    );
  });

  it('has none for paths outside the resource APIs', () => {
    expect(apiVersionOfPath('/version')).toBeUndefined();
    expect(apiVersionOfPath('/apis')).toBeUndefined();
    expect(apiVersionOfPath('/apis/apps')).toBeUndefined();
  });
});

describe('isUnknownResourceError', () => {
  const notFound = (body: unknown) =>
    new ApiException(404, 'Not Found', body, {});

  it('is a 404 that names no object: the resource path is not served', () => {
    expect(isUnknownResourceError(notFound('404 page not found'))).toBe(true);
    expect(
      isUnknownResourceError(
        notFound({
          kind: 'Status',
          reason: 'NotFound',
          message: 'the server could not find the requested resource',
          details: {},
        }),
      ),
    ).toBe(true);
  });

  it('is not a missing object, whether client-node hands the Status over as text or parsed', () => {
    const missing = {
      kind: 'Status',
      reason: 'NotFound',
      message: 'deployments.apps "web" not found',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
    };
    expect(isUnknownResourceError(notFound(JSON.stringify(missing)))).toBe(
      false,
    );
    expect(isUnknownResourceError(notFound(missing))).toBe(false);
    expect(
      isUnknownResourceError(
        notFound(JSON.stringify({ ...missing, details: {} })),
      ),
    ).toBe(true);
  });

  it('is not another status or another error', () => {
    expect(
      isUnknownResourceError(
        notFound({
          kind: 'Status',
          reason: 'NotFound',
          details: { name: 'web', group: 'apps', kind: 'deployments' },
        }),
      ),
    ).toBe(false);
    expect(
      isUnknownResourceError(new ApiException(403, 'Forbidden', {}, {})),
    ).toBe(false);
    expect(isUnknownResourceError(new Error('404'))).toBe(false);
  });
});
