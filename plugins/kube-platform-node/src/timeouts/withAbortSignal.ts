import {
  type ConfigurationOptions,
  Observable,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';

/**
 * Per-call options for a client-node API method that abort the request when
 * `signal` does, on top of the registry's request timeout:
 * `core.listNamespace({}, withAbortSignal(signal))`.
 */
export function withAbortSignal(signal: AbortSignal): ConfigurationOptions {
  return {
    middleware: [
      {
        pre(context: RequestContext) {
          const existing = context.getSignal();
          context.setSignal(existing ? AbortSignal.any([existing, signal]) : signal);
          return new Observable(Promise.resolve(context));
        },
        post(response: ResponseContext) {
          return new Observable(Promise.resolve(response));
        },
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}
