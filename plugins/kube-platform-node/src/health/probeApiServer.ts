import type { ClusterProbeResult } from '@kube-platform/plugin-kube-platform-common';
import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  type KubeConfig,
  RequestContext,
} from '@kubernetes/client-node';

/** What a probe found, before the monitor stamps its time. */
export type ApiServerProbe = Omit<ClusterProbeResult, 'time'>;

const MAX_DETAIL_CHARS = 300;

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    // node-fetch wraps the socket error; its message names the cause (ECONNREFUSED, ...).
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

/** GET `path` as the platform; the whole exchange, body included, ends when `signal` aborts. */
async function get(kubeConfig: KubeConfig, path: string, signal: AbortSignal) {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) {
    throw new Error('the KubeConfig names no current cluster');
  }
  const request = new RequestContext(`${server}${path}`, HttpMethod.GET);
  await kubeConfig.applySecurityAuthentication(request);
  request.setSignal(signal);
  const response = await new IsomorphicFetchHttpLibrary().send(request).toPromise();
  return { status: response.httpStatusCode, body: await response.body.text() };
}

/** The failing checks of a `/readyz` answer (`[-]etcd failed: ...`), else its start. */
function detail(body: string): string {
  const failing = body.split('\n').filter(line => line.startsWith('[-]'));
  const text = (failing.length > 0 ? failing.join('; ') : body).trim();
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}...` : text;
}

function gitVersion(body: string): string | undefined {
  try {
    const version = JSON.parse(body)?.gitVersion;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** A non-200 answer: refused credentials are an auth failure, anything else not ready. */
function failedAnswer(path: string, answer: { status: number; body: string }): ApiServerProbe {
  if (answer.status === 401) {
    return {
      ok: false,
      reason: 'Unauthorized',
      error: "Unauthorized: the platform's token was refused (401)",
    };
  }
  if (answer.status === 403) {
    return {
      ok: false,
      reason: 'Unauthorized',
      error: `Forbidden: the platform's identity may not read ${path} (403)`,
    };
  }
  const text = detail(answer.body);
  return {
    ok: false,
    reason: 'NotReady',
    error: `Not ready: ${path} answered ${answer.status}${text ? `: ${text}` : ''}`,
  };
}

/**
 * Probes an API server's `/version` and `/readyz` as the platform, both under
 * one deadline that aborts the request (and its socket) when it passes. Never
 * throws: the outcome says why it failed (`Unreachable`, `Timeout`,
 * `Unauthorized`, `NotReady`).
 */
export async function probeApiServer(
  kubeConfig: KubeConfig,
  timeoutMs: number,
): Promise<ApiServerProbe> {
  const signal = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  try {
    // /version first: it needs no readiness, so a refused token shows as such.
    const versionAnswer = await get(kubeConfig, '/version', signal);
    if (versionAnswer.status !== 200) {
      return failedAnswer('/version', versionAnswer);
    }
    const version = gitVersion(versionAnswer.body);
    const readyz = await get(kubeConfig, '/readyz', signal);
    if (readyz.status !== 200) {
      return { ...failedAnswer('/readyz', readyz), version };
    }
    return { ok: true, latencyMs: Math.round(performance.now() - started), version };
  } catch (error) {
    if (signal.aborted) {
      return {
        ok: false,
        reason: 'Timeout',
        error: `Timeout: no answer within ${timeoutMs} ms; the probe was aborted`,
      };
    }
    return { ok: false, reason: 'Unreachable', error: `Unreachable: ${errorMessage(error)}` };
  }
}
