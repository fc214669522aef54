import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { ClusterRegistry } from '../clusterRegistry';
import type { KubePlatformClusterSupplier } from './ClusterSupplier';
import type { KubePlatformClusterSuppliersExtensionPoint } from './clusterSuppliersExtensionPoint';

/** Default time between two reads of every supplier. */
export const DEFAULT_CLUSTER_SUPPLIER_FREQUENCY_MS = 60_000;

/** Keeps the cluster registry in step with every supplier: polled, and read at once when one signals a change. */
export interface ClusterSupplierService
  extends KubePlatformClusterSuppliersExtensionPoint {
  /** Reads one supplier (or all) and applies the difference; resolves when applied. */
  refresh(id?: string): Promise<void>;
  /** Subscribes to the suppliers, reads each once and starts polling (idempotent). */
  start(): Promise<void>;
  /** Stops polling and unsubscribes. */
  stop(): void;
}

/** Creates the service; suppliers added after `start` are read at once. */
export function createClusterSupplierService(deps: {
  clusterRegistry: ClusterRegistry;
  logger: LoggerService;
  frequencyMs?: number;
}): ClusterSupplierService {
  const { clusterRegistry, logger } = deps;
  const suppliers = new Map<string, KubePlatformClusterSupplier>();
  // One read at a time per supplier, so an older answer never overwrites a newer one.
  const queues = new Map<string, Promise<void>>();
  const unsubscribes: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;

  async function apply(supplier: KubePlatformClusterSupplier) {
    let connections;
    try {
      connections = await supplier.getClusters();
    } catch (error) {
      logger.warn('Cluster supplier failed; its clusters stay as they were', {
        supplier: supplier.id,
        error: String(error),
      });
      return;
    }
    const result = clusterRegistry.replaceClusters(supplier.id, connections);
    for (const error of result.refused) {
      logger.warn(error.message, { supplier: supplier.id });
    }
    if (result.added.length + result.removed.length + result.changed.length) {
      logger.info('Clusters changed', {
        supplier: supplier.id,
        added: result.added.join(','),
        removed: result.removed.join(','),
        changed: result.changed.join(','),
      });
    }
  }

  function refreshOne(supplier: KubePlatformClusterSupplier): Promise<void> {
    const next = (queues.get(supplier.id) ?? Promise.resolve()).then(() =>
      apply(supplier),
    );
    queues.set(supplier.id, next);
    return next;
  }

  function watch(supplier: KubePlatformClusterSupplier) {
    const unsubscribe = supplier.subscribe?.(() => void refreshOne(supplier));
    if (unsubscribe) unsubscribes.push(unsubscribe);
    return refreshOne(supplier);
  }

  const service: ClusterSupplierService = {
    addClusterSupplier(supplier) {
      if (suppliers.has(supplier.id)) {
        throw new ConflictError(
          `Cluster supplier '${supplier.id}' is already registered`,
        );
      }
      suppliers.set(supplier.id, supplier);
      if (timer) void watch(supplier);
    },
    async refresh(id) {
      if (id !== undefined && !suppliers.has(id)) {
        throw new NotFoundError(`No cluster supplier '${id}' is registered`);
      }
      const chosen =
        id === undefined ? [...suppliers.values()] : [suppliers.get(id)!];
      await Promise.all(chosen.map(refreshOne));
    },
    async start() {
      if (timer) return;
      timer = setInterval(
        () => void service.refresh(),
        deps.frequencyMs ?? DEFAULT_CLUSTER_SUPPLIER_FREQUENCY_MS,
      );
      timer.unref();
      await Promise.all([...suppliers.values()].map(watch));
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
    },
  };
  return service;
}
