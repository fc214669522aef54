import http from 'node:http';
import https from 'node:https';
import { type KubeConfig, Watch } from '@kubernetes/client-node';
import {
  BoundedKubeConfig,
  withoutRequestTimeout,
} from '../timeouts/BoundedKubeConfig';
import { ClusterTimeoutError } from '../timeouts/ClusterTimeoutError';
import type { ListPage, PageQuery } from './listPages';
import { type KubernetesStatus, statusError } from './watchErrors';

/** Selectors and paging of one list request. */
export interface ListQuery extends PageQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

/** How a reflector talks to the API server; tests substitute a scripted one. */
export interface WatchTransport {
  /** Lists one page of a collection; rejects with `code` 410 when a continue token expired. */
  listPage(
    path: string,
    query: ListQuery,
    signal: AbortSignal,
  ): Promise<ListPage<any>>;
  /** Watches a collection, with the semantics of client-node's `Watch.watch`. */
  watch(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    onEvent: (type: string, object: any) => void,
    onDone: (error: unknown) => void,
  ): Promise<AbortController>;
}

/** Bound of one list page request when the kubeconfig carries no request timeout of its own. */
export const DEFAULT_LIST_TIMEOUT_MS = 30_000;

function listUrl(server: string, path: string, query: ListQuery): URL {
  const url = new URL(server + path);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

function parseBody(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toPage(body: any): ListPage<any> {
  return {
    items: Array.isArray(body?.items) ? body.items : [],
    resourceVersion: body?.metadata?.resourceVersion,
    continue: body?.metadata?.continue || undefined,
  };
}

/** GETs one list page with the kubeconfig's credentials and CA, bounded by `timeoutMs`. */
async function getListPage(
  kubeConfig: KubeConfig,
  url: URL,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ListPage<any>> {
  const cluster = kubeConfig.getCurrentCluster()?.name ?? url.host;
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  const insecure = url.protocol === 'http:';
  const timeout = AbortSignal.timeout(timeoutMs);
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) =>
      reject(
        timeout.aborted
          ? new ClusterTimeoutError(cluster, timeoutMs, `GET ${url.pathname}`, {
              cause: error,
            })
          : error,
      );
    const request = (insecure ? http : https).request(
      url,
      {
        ...options,
        agent: insecure ? undefined : options.agent,
        method: 'GET',
        headers: { ...options.headers, Accept: 'application/json' },
        signal: AbortSignal.any([signal, timeout]),
      },
      response => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', chunk => (text += chunk));
        response.on('error', fail);
        response.on('end', () => {
          const body = parseBody(text);
          const code = response.statusCode ?? 0;
          if (code >= 200 && code < 300) resolve(toPage(body));
          else
            reject(
              statusError(
                code,
                body as KubernetesStatus,
                `Listing ${url.pathname} failed`,
              ),
            );
        });
      },
    );
    request.on('error', fail);
    request.end();
  });
}

/**
 * The transport over a real API server: raw JSON list pages, each bounded by
 * the cluster's request timeout (or `listTimeoutMs`), and client-node watches,
 * which live for minutes and so are exempt from it; the reflector bounds those.
 */
export function createWatchTransport(
  kubeConfig: KubeConfig,
  options: { listTimeoutMs?: number } = {},
): WatchTransport {
  const watcher = new Watch(withoutRequestTimeout(kubeConfig));
  const timeoutMs =
    options.listTimeoutMs ??
    (kubeConfig instanceof BoundedKubeConfig
      ? kubeConfig.requestTimeoutMs
      : DEFAULT_LIST_TIMEOUT_MS);
  return {
    async listPage(path, query, signal) {
      const cluster = kubeConfig.getCurrentCluster();
      if (!cluster) throw new Error('The kubeconfig has no current cluster');
      return getListPage(
        kubeConfig,
        listUrl(cluster.server, path, query),
        signal,
        timeoutMs,
      );
    },
    watch: (path, query, onEvent, onDone) =>
      watcher.watch(path, query, onEvent, onDone),
  };
}
