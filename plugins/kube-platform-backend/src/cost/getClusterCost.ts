import {
  costEfficiency,
  DAY_MS,
  sumCostFigures,
} from '@kube-platform/plugin-kube-platform-common';
import type express from 'express';
import { authorizeCostRead, type CostRouterOptions } from './costRouteContext';
import type { ClusterCostResponse } from '@kube-platform/plugin-kube-platform-common';
import { amountsOf } from './entityCostReport';
import { parseCostQuery } from './parseCostQuery';

/**
 * `GET /clusters/:name/cost?from=&to=`: what a cluster's pods and claims were
 * allocated, its idle capacity, the sum and the efficiency, by day rows.
 * Members of the cluster's owning group and platform admins only.
 */
export function getClusterCost(options: CostRouterOptions) {
  return async (req: express.Request, res: express.Response) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const cluster = options.clusterRegistry.getCluster(req.params.name);
    const now = Date.now();
    const query = parseCostQuery(
      {
        from: new Date(now - 30 * DAY_MS).toISOString(),
        ...req.query,
        step: 'day',
      },
      options.costSettings,
      now,
    );
    await authorizeCostRead(
      options,
      credentials,
      `cluster '${cluster.name}'`,
      cluster.owner ?? '',
    );
    const rows = await options.costStore.rows('day', query.window, {
      cluster: cluster.name,
    });
    const allocated = sumCostFigures(rows);
    const idle = (
      await options.costStore.idle('day', query.window, cluster.name)
    ).reduce(
      (sum, r) => ({
        cpu: sum.cpu + r.cpuCost,
        memory: sum.memory + r.memoryCost,
        storage: 0,
        total: sum.total + r.totalCost,
      }),
      { cpu: 0, memory: 0, storage: 0, total: 0 },
    );
    const a = amountsOf(allocated);
    const body: ClusterCostResponse = {
      cluster: cluster.name,
      currency: options.costSettings.pricingOf(cluster.name).currency,
      from: new Date(query.window.start).toISOString(),
      to: new Date(query.window.end).toISOString(),
      allocated: a,
      idle,
      total: {
        cpu: a.cpu + idle.cpu,
        memory: a.memory + idle.memory,
        storage: a.storage,
        total: a.total + idle.total,
      },
      efficiency: costEfficiency(allocated) ?? null,
    };
    res.json(body);
  };
}
