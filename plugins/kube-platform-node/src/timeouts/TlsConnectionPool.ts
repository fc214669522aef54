import { createHash } from 'node:crypto';
import https from 'node:https';

/** How long an idle connection is kept for the next request (the API server drops its own after 90 s). */
export const IDLE_CONNECTION_MS = 30_000;

/** The agent options that decide who the client is and whom it trusts. */
const TLS_IDENTITY_OPTIONS = [
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase',
  'rejectUnauthorized',
  'servername',
] as const;

function fingerprint(options: https.AgentOptions): string {
  const hash = createHash('sha256');
  for (const name of TLS_IDENTITY_OPTIONS) {
    const value = options[name];
    hash.update(`${name}=`);
    if (value !== undefined) {
      hash.update(Buffer.isBuffer(value) ? value : JSON.stringify(value));
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Keep-alive HTTPS agents of one cluster, one per TLS identity. client-node
 * makes a new agent for every request, so every call paid a TLS handshake (on
 * the backend and on the API server, which share the machine's cores). Bearer
 * tokens travel per request in the Authorization header, so identities that
 * differ only by token share connections; a client certificate, another CA
 * or another server name gets connections of its own.
 */
export class TlsConnectionPool {
  private readonly agents = new Map<string, https.Agent>();

  /** The pooled agent with the TLS settings of `agent` (client-node's per-request one). */
  agentFor(agent: https.Agent): https.Agent {
    const options = (agent as https.Agent & { options: https.AgentOptions })
      .options;
    const key = fingerprint(options);
    let pooled = this.agents.get(key);
    if (!pooled) {
      const tls: https.AgentOptions = {};
      for (const name of TLS_IDENTITY_OPTIONS) {
        if (options[name] !== undefined) {
          (tls as Record<string, unknown>)[name] = options[name];
        }
      }
      pooled = new https.Agent({
        ...tls,
        keepAlive: true,
        // Applies to idle sockets only: the agent destroys a free socket when it fires.
        timeout: IDLE_CONNECTION_MS,
      });
      this.agents.set(key, pooled);
    }
    return pooled;
  }

  /** Closes every connection, in-flight requests included: only for a pool no one uses any more. */
  destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
