import { mockServices } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterConnection } from '../clusterConfig';
import { ConfigReader } from '@backstage/config';
import {
  createClusterRegistry,
  createClusterRegistryFromConfig,
} from '../clusterRegistry';
import { createConfigClusterSupplier } from './configClusterSupplier';
import type { KubePlatformClusterSupplier } from './ClusterSupplier';
import { createClusterSupplierService } from './ClusterSupplierService';
import { createClusterSuppliersExtension } from './clusterSuppliersExtensionPoint';

const caData = readFileSync(
  join(__dirname, '..', '__fixtures__', 'test-ca.pem'),
).toString('base64');

const connection = (name: string): ClusterConnection => ({
  name,
  url: `https://${name}.example.com`,
  caData,
  skipTLSVerify: false,
  token: 't',
  labels: {},
  host: false,
});

/** A supplier whose clusters a test sets, signalling each change. */
function pushSupplier(id: string) {
  let clusters: ClusterConnection[] = [];
  let signal = () => {};
  const supplier: KubePlatformClusterSupplier = {
    id,
    getClusters: async () => clusters,
    subscribe(onChange) {
      signal = onChange;
      return () => {
        signal = () => {};
      };
    },
  };
  return {
    supplier,
    set(next: ClusterConnection[]) {
      clusters = next;
      signal();
    },
  };
}

const names = (registry: ReturnType<typeof createClusterRegistry>) =>
  registry.listClusters().map(c => c.name);

describe('cluster supplier service', () => {
  it('applies what suppliers return, on start, on push and on refresh', async () => {
    const registry = createClusterRegistry([connection('configured')]);
    const service = createClusterSupplierService({
      clusterRegistry: registry,
      logger: mockServices.logger.mock(),
    });
    const pushed = pushSupplier('pushed');
    let polled = [connection('polled-a')];
    service.addClusterSupplier(pushed.supplier);
    service.addClusterSupplier({
      id: 'polled',
      getClusters: async () => polled,
    });

    await service.start();
    expect(names(registry)).toEqual(['configured', 'polled-a']);

    pushed.set([connection('pushed-a')]);
    await service.refresh('pushed'); // queued behind the pushed read
    // Listed by supplier in the order they were registered.
    expect(names(registry)).toEqual(['configured', 'pushed-a', 'polled-a']);

    polled = [];
    await service.refresh();
    expect(names(registry)).toEqual(['configured', 'pushed-a']);

    service.stop();
    pushed.set([]);
    await service.refresh('polled');
    expect(names(registry)).toEqual(['configured', 'pushed-a']);
  });

  it('keeps the clusters of a failing supplier and refuses a second supplier with a taken id', async () => {
    const registry = createClusterRegistry([]);
    const logger = mockServices.logger.mock();
    const service = createClusterSupplierService({
      clusterRegistry: registry,
      logger,
    });
    let fail = false;
    service.addClusterSupplier({
      id: 'flaky',
      getClusters: async () => {
        if (fail) throw new Error('inventory unreachable');
        return [connection('flaky-a')];
      },
    });
    await service.refresh();
    fail = true;
    await service.refresh();
    expect(names(registry)).toEqual(['flaky-a']);
    expect(logger.warn).toHaveBeenCalledWith(
      'Cluster supplier failed; its clusters stay as they were',
      { supplier: 'flaky', error: 'Error: inventory unreachable' },
    );
    expect(() =>
      service.addClusterSupplier({ id: 'flaky', getClusters: async () => [] }),
    ).toThrow("Cluster supplier 'flaky' is already registered");
    await expect(service.refresh('nope')).rejects.toThrow(
      "No cluster supplier 'nope'",
    );
  });

  it('forwards suppliers added through the extension point before and after forwardTo', () => {
    const extension = createClusterSuppliersExtension();
    const early = { id: 'early', getClusters: async () => [] };
    const late = { id: 'late', getClusters: async () => [] };
    extension.extensionPoint.addClusterSupplier(early);
    const target = { addClusterSupplier: jest.fn() };
    extension.forwardTo(target);
    extension.extensionPoint.addClusterSupplier(late);
    expect(target.addClusterSupplier.mock.calls).toEqual([[early], [late]]);
  });

  it('re-reads kubePlatform.clusters as the config supplier without churning unchanged clusters', async () => {
    const config = new ConfigReader({
      kubePlatform: {
        requestTimeout: '4s',
        clusters: [
          {
            name: 'configured',
            url: 'https://configured.example.com/',
            caData,
            auth: { provider: 'serviceAccount', token: 't' },
          },
        ],
      },
    });
    const registry = createClusterRegistryFromConfig(config);
    const listener = jest.fn();
    registry.onChange(listener);
    const service = createClusterSupplierService({
      clusterRegistry: registry,
      logger: mockServices.logger.mock(),
    });
    service.addClusterSupplier(createConfigClusterSupplier(config));
    await service.refresh('config');
    expect(listener).not.toHaveBeenCalled();
    expect(names(registry)).toEqual(['configured']);
  });
});
