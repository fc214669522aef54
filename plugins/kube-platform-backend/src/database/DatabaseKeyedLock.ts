import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { KeyedMutex } from '../tenants/KeyedMutex';
import { LockStore } from './LockStore';

/** Tuning of {@link DatabaseKeyedLock}; the defaults suit tenant provisioning. */
export interface DatabaseKeyedLockOptions {
  /** Names this backend instance in the lease table; defaults to host:pid:random. */
  holderId?: string;
  /** How long a lease lives unless renewed; renewed every third of it. Default 30 s. */
  leaseMs?: number;
  /** How long `run` waits for the key before a `ConflictError`. Default 30 s. */
  waitTimeoutMs?: number;
  /** What a key stands for in the conflict message, e.g. `the tenant`. */
  subject?: string;
}

const BACKOFF_FIRST_MS = 25;
const BACKOFF_MAX_MS = 250;
/** How long a released lease stays reserved for the replica queued next: a few of its polls. */
const HANDOVER_MS = 4 * BACKOFF_MAX_MS;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Serialises work per key across every backend replica sharing the database:
 * a lease row per key, taken atomically, renewed while the work runs and
 * released after; a crashed holder's lease is taken over once it expires.
 * Waiters in this process queue in a `KeyedMutex` first, so only one of them
 * polls the database per key; a replica polling while another holds the key is
 * handed the lease on release, so replicas take turns instead of one draining
 * its own queue first. Waiting is bounded: after `waitTimeoutMs` the
 * caller gets a `ConflictError` and its work never runs.
 */
export class DatabaseKeyedLock {
  /** Connects, runs migrations unless `migrations.skip` is set, and returns the lock. */
  static async create(
    options: {
      database: DatabaseService;
      logger: LoggerService;
    } & DatabaseKeyedLockOptions,
  ): Promise<DatabaseKeyedLock> {
    const store = await LockStore.create({ database: options.database });
    return new DatabaseKeyedLock({ ...options, store });
  }

  readonly holderId: string;
  private readonly local = new KeyedMutex();
  private readonly store: LockStore;
  private readonly logger: LoggerService;
  private readonly leaseMs: number;
  private readonly waitTimeoutMs: number;
  private readonly subject: string;

  constructor(
    options: {
      store: LockStore;
      logger: LoggerService;
    } & DatabaseKeyedLockOptions,
  ) {
    this.store = options.store;
    this.logger = options.logger;
    this.holderId =
      options.holderId ??
      `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 30_000;
    this.subject = options.subject ?? 'the key';
  }

  /** Runs `fn` once this process holds `key`'s lease; a `ConflictError` if that takes too long. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const started = Date.now();
    const deadline = started + this.waitTimeoutMs;
    return new Promise<T>((resolve, reject) => {
      let state: 'queued' | 'started' | 'abandoned' = 'queued';
      // The in-process queue is bounded too: a waiter behind a long run gives up.
      const timer = setTimeout(() => {
        if (state !== 'queued') return;
        state = 'abandoned';
        reject(this.conflict(key, started));
      }, this.waitTimeoutMs);
      this.local
        .run(key, async () => {
          clearTimeout(timer);
          if (state === 'abandoned') return;
          state = 'started';
          const token = await this.acquire(key, started, deadline);
          resolve(await this.holding(key, token, fn));
        })
        .catch(reject);
    });
  }

  /** Polls for the lease with jittered exponential backoff until the deadline. */
  private async acquire(
    key: string,
    started: number,
    deadline: number,
  ): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.store.tryAcquire(
        key,
        this.holderId,
        this.leaseMs,
      );
      if (token) return token;
      const left = deadline - Date.now();
      if (left <= 0) {
        await this.store.withdraw(key, this.holderId).catch(() => undefined);
        throw this.conflict(key, started);
      }
      const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt);
      await sleep(Math.min(left, backoff / 2 + Math.random() * (backoff / 2)));
    }
  }

  /** Runs `fn` while renewing the lease, then releases it. */
  private async holding<T>(
    key: string,
    token: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    let renewing = Promise.resolve();
    const renewal = setInterval(() => {
      renewing = renewing.then(() => this.renew(key, token));
    }, this.leaseMs / 3);
    try {
      return await fn();
    } finally {
      clearInterval(renewal);
      await renewing;
      await this.store.release(key, token, HANDOVER_MS).catch(error =>
        // The lease expires on its own; the next holder takes it over then.
        this.logger.warn('Could not release lock; it will expire', {
          key,
          error: String(error),
        }),
      );
    }
  }

  private async renew(key: string, token: string): Promise<void> {
    try {
      if (!(await this.store.renew(key, token, this.leaseMs))) {
        this.logger.error(
          'Lost a lock while holding it: the lease expired and was taken over',
          { key, holder: this.holderId },
        );
      }
    } catch (error) {
      this.logger.warn('Could not renew lock; retrying', {
        key,
        error: String(error),
      });
    }
  }

  private conflict(key: string, started: number): ConflictError {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return new ConflictError(
      `Another request holds ${this.subject} '${key}'; gave up waiting after ${seconds} s. Try again when it has finished.`,
    );
  }
}
