import { InputError, NotFoundError } from '@backstage/errors';
import {
  attributeEntityCost,
  type CostBucketRow,
} from '@kube-platform/plugin-kube-platform-common';
import type express from 'express';
import { entityCostCsv, entityCostFileName } from './costCsv';
import {
  authorizeCostRead,
  type CostRouterOptions,
  owningGroupOf,
} from './costRouteContext';
import { entityBudget } from './entityBudget';
import { entityCostNamespaces } from './entityCostNamespaces';
import { entityCostReport } from './entityCostReport';
import { historyCurrency } from './historyCurrency';
import { loadCostCatalog } from './loadCostCatalog';
import { parseCostQuery } from './parseCostQuery';

const COST_KINDS = ['group', 'system', 'component', 'resource'];

/**
 * `GET /entities/:kind/:namespace/:name/cost`: the entity's cost over a
 * window, attributed through the catalog without counting anything twice;
 * `?format=csv` for the same as a file. Members of the owning group and
 * platform admins only.
 */
export function getEntityCost(options: CostRouterOptions) {
  return async (req: express.Request, res: express.Response) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const kind = req.params.kind.toLocaleLowerCase('en-US');
    if (!COST_KINDS.includes(kind)) {
      throw new InputError(
        `kind: '${req.params.kind}' has no cost; use ${COST_KINDS.join(', ')}`,
      );
    }
    const now = Date.now();
    const query = parseCostQuery(req.query, options.costSettings, now);
    const entityRef =
      `${kind}:${req.params.namespace}/${req.params.name}`.toLocaleLowerCase(
        'en-US',
      );
    const entity = await options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    await authorizeCostRead(
      options,
      credentials,
      entityRef,
      owningGroupOf(entity),
    );

    const catalog = await loadCostCatalog(
      options.catalog,
      await options.tenants.list(),
      credentials,
    );
    const namespaces = entityCostNamespaces(
      entityRef,
      catalog,
      query.includeChildren,
    );
    const attribute = (rows: CostBucketRow[]) =>
      attributeEntityCost(entityRef, catalog, rows, {
        includeChildren: query.includeChildren,
      }).items;
    const currency = historyCurrency(options);
    const report = entityCostReport({
      entityRef,
      currency,
      query,
      rows: attribute(
        await options.costStore.rows(query.step, query.window, { namespaces }),
      ),
      gaps: await options.costStore.gaps(query.window),
    });
    const budget = await entityBudget({
      entity,
      currency,
      store: options.costStore,
      attribute,
      now,
      namespaces,
    });
    if (budget) report.budget = budget;
    if (query.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${entityCostFileName(report)}"`,
      );
      res.send(entityCostCsv(report));
      return;
    }
    res.json(report);
  };
}
