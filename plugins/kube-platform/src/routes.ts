import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the Clusters page. */
export const clustersRouteRef = createRouteRef({
  id: 'kube-platform:clusters',
});
