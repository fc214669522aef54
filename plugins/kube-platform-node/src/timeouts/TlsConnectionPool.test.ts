import https from 'node:https';
import { IDLE_CONNECTION_MS, TlsConnectionPool } from './TlsConnectionPool';

const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n',
);

/** The per-request agent client-node makes. */
function requestAgent(options: https.AgentOptions) {
  return new https.Agent(options);
}

describe('TlsConnectionPool', () => {
  it('gives requests with the same TLS settings one keep-alive agent', () => {
    const pool = new TlsConnectionPool();
    const first = pool.agentFor(requestAgent({ ca: Buffer.from(CA) }));
    const second = pool.agentFor(requestAgent({ ca: Buffer.from(CA) }));

    expect(second).toBe(first);
    const options = (first as https.Agent & { options: https.AgentOptions })
      .options;
    expect(options.keepAlive).toBe(true);
    expect(options.timeout).toBe(IDLE_CONNECTION_MS);
    expect(options.ca).toEqual(CA);
    pool.destroy();
  });

  it('keeps apart another client certificate, CA, server name or verification', () => {
    const pool = new TlsConnectionPool();
    const base = pool.agentFor(requestAgent({ ca: CA }));
    const others = [
      { ca: CA, cert: Buffer.from('cert-a'), key: Buffer.from('key-a') },
      { ca: CA, cert: Buffer.from('cert-b'), key: Buffer.from('key-b') },
      { ca: Buffer.from('another CA') },
      { ca: CA, servername: 'api.example.com' },
      { ca: CA, rejectUnauthorized: false },
    ].map(options => pool.agentFor(requestAgent(options)));

    expect(new Set([base, ...others]).size).toBe(6);
    pool.destroy();
  });

  it('starts over after destroy', () => {
    const pool = new TlsConnectionPool();
    const before = pool.agentFor(requestAgent({ ca: CA }));
    pool.destroy();
    expect(pool.agentFor(requestAgent({ ca: CA }))).not.toBe(before);
    pool.destroy();
  });
});
