import { useApi } from '@backstage/core-plugin-api';
import useAsyncFn, { type AsyncFnReturn } from 'react-use/esm/useAsyncFn';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import type {
  FederatedAppChangeResult,
  FederatedReplicasChange,
} from '../../api/federationTypes';
import { describeChange } from './describeChange';
import type { FederatedAppRef } from './isFederatedAppAvailable';

/** The changes an action may make to one app. */
export interface FederatedAppChanges {
  updateReplicas(
    change: FederatedReplicasChange,
  ): Promise<FederatedAppChangeResult>;
  migrate(move: {
    from: string;
    to: string;
  }): Promise<FederatedAppChangeResult>;
}

/** State of one action and a function running it: `run(what, change)`. */
export type FederatedAppChangeAction = AsyncFnReturn<
  (
    what: string,
    change: (api: FederatedAppChanges) => Promise<FederatedAppChangeResult>,
  ) => Promise<string>
>;

/**
 * Runs a change of the app (scale, weights, migrate), then `onChanged` so the
 * tab reloads; the state carries the outcome in words or the error.
 */
export function useFederatedAppChange(
  appRef: FederatedAppRef,
  onChanged: () => void,
): FederatedAppChangeAction {
  const api = useApi(kubePlatformApiRef);
  const { namespace, name } = appRef;
  return useAsyncFn(
    async (
      what: string,
      change: (
        changes: FederatedAppChanges,
      ) => Promise<FederatedAppChangeResult>,
    ) => {
      const result = await change({
        updateReplicas: body =>
          api.updateFederatedAppReplicas(namespace, name, body),
        migrate: move => api.migrateFederatedApp(namespace, name, move),
      });
      onChanged();
      return describeChange(what, result);
    },
    [api, namespace, name, onChanged],
  );
}
