import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake kube-platform backend received. */
export interface RecordedRequest {
  method: string;
  url: string;
  authorization?: string;
  body: any;
}

/** Answers one request of the fake backend. */
export type FakeHandler = (
  req: RecordedRequest,
  res: http.ServerResponse,
) => void | Promise<void>;

/**
 * A local stand-in for the kube-platform REST API (our API, not Kubernetes), with
 * the discovery and auth services the actions need to reach it.
 */
export async function startFakeKubePlatform() {
  const requests: RecordedRequest[] = [];
  let handler: FakeHandler = (_req, res) => {
    res.statusCode = 500;
    res.end();
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res)).catch(error => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/api/kube-platform`;
  return {
    requests,
    setHandler(next: FakeHandler) {
      handler = next;
    },
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    auth: mockServices.auth(),
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** Writes NDJSON lines one by one with a pause between them, like the backend does. */
export async function streamLines(res: http.ServerResponse, lines: object[]) {
  res.statusCode = 200;
  res.setHeader('content-type', 'application/x-ndjson');
  for (const line of lines) {
    res.write(`${JSON.stringify(line)}\n`);
    await new Promise(resolve => setTimeout(resolve, 5));
  }
  res.end();
}

/** Answers with a Backstage error body. */
export function sendError(
  res: http.ServerResponse,
  status: number,
  name: string,
  message: string,
) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(
    JSON.stringify({
      error: { name, message },
      request: { method: 'POST', url: '/' },
      response: { statusCode: status },
    }),
  );
}
