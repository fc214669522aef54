import { reservedNamespaceReason } from './reservedNamespaces';

describe('reservedNamespaceReason', () => {
  it.each([
    ['default', "'default' is reserved: it belongs to Kubernetes"],
    [
      'kube-public',
      "'kube-public' is reserved: kube-* namespaces belong to Kubernetes",
    ],
    [
      'kube-node-lease',
      "'kube-node-lease' is reserved: kube-* namespaces belong to Kubernetes",
    ],
    [
      'kube-anything',
      "'kube-anything' is reserved: kube-* namespaces belong to Kubernetes",
    ],
    [
      'kube-system',
      "'kube-system' is reserved: tenant network policies trust it as the DNS namespace",
    ],
    [
      'ingress-nginx',
      "'ingress-nginx' is reserved: tenant network policies trust it as the ingress controller namespace",
    ],
    [
      'kube-platform-system',
      "'kube-platform-system' is reserved: it is the platform's own namespace",
    ],
  ])('reserves %s by default', (namespace, reason) => {
    expect(reservedNamespaceReason(namespace)).toBe(reason);
  });

  it('leaves ordinary names free', () => {
    for (const namespace of [
      'team-alpha',
      'kube',
      'kubernetes-demo',
      'defaults',
      'ingress',
    ]) {
      expect(reservedNamespaceReason(namespace)).toBeUndefined();
    }
  });

  it('reserves the ingress controller namespace the request names', () => {
    expect(
      reservedNamespaceReason('traefik', {
        ingressControllerNamespace: 'traefik',
      }),
    ).toBe(
      "'traefik' is reserved: tenant network policies trust it as the ingress controller namespace",
    );
    expect(reservedNamespaceReason('traefik')).toBeUndefined();
  });

  it('reserves the configured platform namespace instead of the default', () => {
    const options = { platformNamespace: 'platform' };
    expect(reservedNamespaceReason('platform', options)).toBe(
      "'platform' is reserved: it is the platform's own namespace",
    );
    expect(reservedNamespaceReason('kube-platform-system', options)).toBe(
      "'kube-platform-system' is reserved: kube-* namespaces belong to Kubernetes",
    );
  });

  it('reserves configured names and prefix wildcards', () => {
    const options = { reservedNamespaces: ['monitoring', 'istio-*'] };
    expect(reservedNamespaceReason('monitoring', options)).toBe(
      "'monitoring' is reserved: kubePlatform.tenants.reservedNamespaces lists 'monitoring'",
    );
    expect(reservedNamespaceReason('istio-system', options)).toBe(
      "'istio-system' is reserved: kubePlatform.tenants.reservedNamespaces lists 'istio-*'",
    );
    expect(reservedNamespaceReason('istio-', options)).toBeDefined();
    expect(
      reservedNamespaceReason('monitoring-alpha', options),
    ).toBeUndefined();
    expect(reservedNamespaceReason('istio', options)).toBeUndefined();
  });
});
