import type { HumanDuration } from '@backstage/types';

/** Prices of CPU, memory and storage; every key optional (absent keys inherit). */
interface KubePlatformCostPricing {
  /** Price of one CPU core for one hour. Default 0.05. */
  cpuCoreHour?: number;
  /** Price of one GiB of memory for one hour. Default 0.01. */
  memoryGiBHour?: number;
  /** Price of one GiB of bound PersistentVolumeClaim capacity for one hour. Default 0.001. */
  storageGiBHour?: number;
  /** Storage price per GiB-hour by StorageClass name; other classes use `storageGiBHour`. */
  storageClasses?: { [storageClass: string]: number };
  /** ISO 4217 code of the prices, e.g. `EUR`. Default `USD`. */
  currency?: string;
  /**
   * Multipliers on the CPU and memory prices of nodes by their labels, e.g.
   * `{ selector: { matchLabels: { node.kubernetes.io/lifecycle: spot } }, factor: 0.3 }`.
   * The first entry whose selector matches a node applies; other nodes pay 1.
   */
  nodePriceFactors?: Array<{
    /** Label selector of the nodes. */
    selector: {
      /** Labels the node must carry. */
      matchLabels?: { [key: string]: string };
      /** Set-based requirements (`In`, `NotIn`, `Exists`, `DoesNotExist`). */
      matchExpressions?: Array<{
        key: string;
        operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
        values?: string[];
      }>;
    };
    /** Price multiplier, greater than 0 (0.3 = 30 % of the price). */
    factor: number;
  }>;
}

export interface Config {
  /** Configuration for the Kube Platform plugins. */
  kubePlatform?: {
    /**
     * Accept `http://` cluster URLs. The service-account token then travels in
     * the clear: for local development only. Default false (start-up fails).
     */
    allowInsecureClusterUrls?: boolean;
    /**
     * Deadline of each request the backend makes to a cluster (watch streams
     * excepted); a request still running then is aborted and fails with 504.
     * Default 10 seconds.
     */
    requestTimeout?: HumanDuration | string;
    /** Clusters supplied at run time by backend modules, besides `clusters`. */
    clusterSuppliers?: {
      /** Time between two reads of every cluster supplier. Default 1 minute. */
      frequency?: HumanDuration | string;
    };
    /** Cluster health probing; defaults follow KubeFed's cluster health checks. */
    health?: {
      /** Time between probes of each cluster. Default 10 seconds. */
      frequency?: HumanDuration | string;
      /** Timeout of one probe. Default 3 seconds. */
      timeout?: HumanDuration | string;
      /** Consecutive failures before a cluster is NotReady. Default 3. */
      failureThreshold?: number;
      /** Consecutive successes before a NotReady cluster is Ready again. Default 1. */
      successThreshold?: number;
      /** Probes running at once across all clusters. Default 16. */
      maxConcurrentProbes?: number;
    };
    /** Cost of what tenants run. */
    cost?: {
      /**
       * Default prices of every cluster; each key defaults to the reference's
       * price ($0.05 per CPU core-hour, $0.01 per GiB-hour of memory, $0.001 per
       * GiB-hour of storage, USD).
       * @visibility backend
       */
      pricing?: KubePlatformCostPricing;
      /**
       * Time between two cost samples of every cluster (one backend instance
       * samples; a fixed grid keyed by interval start, so no interval counts twice).
       * Default 60 seconds; seconds are fine for tests.
       */
      sampleFrequency?: HumanDuration | string;
      /** How long cost history is kept. */
      retention?: {
        /** Hourly rows (and hourly series) are kept this long. Default 14 days. */
        hourly?: HumanDuration | string;
        /** Daily rows are kept this long. Default 400 days. */
        daily?: HumanDuration | string;
      };
    };
    /**
     * Clusters the platform provisions into. Credentials come only from here,
     * never from the catalog.
     */
    clusters?: Array<{
      /** Unique cluster name (DNS-1123 label); the catalog entity is named after it. */
      name: string;
      /** Human-readable title shown in the UI. */
      title?: string;
      /** URL of the cluster's Kubernetes API server. */
      url: string;
      /** Base64-encoded PEM bundle of the API server's certificate authority. */
      caData?: string;
      /** Path to a PEM file with the API server's certificate authority. */
      caFile?: string;
      /** Skip TLS verification of the API server. For local development only. */
      skipTLSVerify?: boolean;
      /** How the backend authenticates to the cluster. */
      auth: {
        /** Only service-account bearer tokens are supported. */
        provider: 'serviceAccount';
        /**
         * Service-account bearer token, typically from an environment variable.
         * @visibility secret
         */
        token: string;
      };
      /** Cluster labels (region, environment, tier, ...) used for placement and shown in the catalog. */
      labels?: { [key: string]: string };
      /** Entity ref of the group that owns the cluster, e.g. `group:default/platform-team`. */
      owner?: string;
      /** Marks the management (host) cluster. */
      host?: boolean;
      /** Overrides `kubePlatform.requestTimeout` for this cluster. */
      requestTimeout?: HumanDuration | string;
      /**
       * How far tenant quota (`requests.cpu`, `requests.memory`) may promise beyond
       * the cluster's allocatable capacity, as a positive ratio: 1.5 allows 150 %.
       * A request that would exceed it is refused with 409. Absent = no limit.
       */
      maxOvercommit?: {
        /** Ratio for CPU. */
        cpu?: number;
        /** Ratio for memory. */
        memory?: number;
      };
      /**
       * Prices of this cluster, overriding `kubePlatform.cost.pricing` key by key
       * (storage classes merge by name; `nodePriceFactors` replaces the default list).
       * @visibility backend
       */
      pricing?: KubePlatformCostPricing;
    }>;
  };
}
