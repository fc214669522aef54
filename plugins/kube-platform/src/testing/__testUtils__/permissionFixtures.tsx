import {
  AuthorizeResult,
  type EvaluatePermissionRequest,
  type Permission,
} from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import type { ReactNode } from 'react';
import { SWRConfig } from 'swr';

/**
 * A permission API that denies the given permissions and allows every other,
 * recording each request it answers.
 */
export function permissionApiDenying(...denied: Permission[]) {
  const requests: EvaluatePermissionRequest[] = [];
  const api = mockApis.permission({
    authorize: request => {
      requests.push(request);
      return denied.some(p => p.name === request.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW;
    },
  });
  return { api, requests };
}

/**
 * `usePermission` caches decisions in a module-wide SWR cache; this gives each
 * rendered test its own, so one test's answers never leak into the next.
 */
export function FreshPermissionDecisions(props: { children: ReactNode }) {
  return (
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      {props.children}
    </SWRConfig>
  );
}
