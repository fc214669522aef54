import {
  uniqueName,
  useLocalClusters,
  waitFor,
  type LocalCluster,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  type RunningBackstage,
  startBackstage,
} from './__testUtils__/startBackstage';
import { openSignedInPage } from './__testUtils__/signedInPage';

// Bob (team-alpha) opens his group's Cost tab after pods with requests and
// simulated usage have run for a few sample intervals in two team-alpha tenants.
jest.setTimeout(900_000);

const BOB = 'user:default/bob';
const PLACED = ['cluster-1', 'cluster-2'];
const tenant = uniqueName('cost');
const screenshots = path.resolve(__dirname, '../../../docs/screenshots');

// A short sample interval for this backend only: APP_CONFIG_ variables are
// read by the config loader of the Backstage the harness starts.
const SAMPLE_SECONDS = 3;
process.env.APP_CONFIG_kubePlatform_cost_sampleFrequency = JSON.stringify({
  seconds: SAMPLE_SECONDS,
});

/** Pods of the tenant: one using less than it requests, one more. */
const PODS = [
  {
    name: 'web',
    requests: { cpu: '500m', memory: '512Mi' },
    usage: 'cpu=300m,memory=256Mi',
  },
  {
    name: 'worker',
    requests: { cpu: '250m', memory: '256Mi' },
    usage: 'cpu=800m,memory=300Mi',
  },
];

const clusters = useLocalClusters();
let backstage: RunningBackstage;
let browser: Browser;
let page: Page;

async function api(
  route: string,
  init: { method?: string; body?: unknown } = {},
) {
  return fetch(`${backstage.backendUrl}${route}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${await backstage.token()}`,
      'content-type': 'application/json',
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

function clusterNamed(name: string): LocalCluster {
  return clusters.find(c => c.name === name)!;
}

/** The tenant on cluster-1 has a monthly budget, which its catalog Resource carries. */
const BUDGET = '5 USD';

async function createTenant(cluster: string) {
  await waitFor(
    async () =>
      (
        await api('/api/catalog/entities/by-name/group/default/team-alpha')
      ).ok,
    { timeoutMs: 120_000, intervalMs: 1_000, description: 'team-alpha' },
  );
  const res = await api('/api/kube-platform/tenants', {
    method: 'POST',
    body: {
      name: tenant,
      owner: 'group:default/team-alpha',
      cluster,
      environment: 'development',
      costCenter: 'payments',
      contact: 'alpha@example.com',
      ...(cluster === 'cluster-1' ? { budget: BUDGET } : {}),
    },
  });
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(
      `Creating tenant ${tenant} on ${cluster} answered ${
        res.status
      }: ${await res.text()}\n${backstage.logTail()}`,
    );
  }
}

/** Runs the pods with the cluster's admin identity (the platform creates no pods) until they run. */
async function runPods(cluster: string) {
  const core = clusterNamed(cluster).kubeConfig.makeApiClient(CoreV1Api);
  for (const pod of PODS) {
    await core.createNamespacedPod({
      namespace: tenant,
      body: {
        metadata: {
          name: pod.name,
          labels: { app: pod.name },
          annotations: { 'localcluster.kube-platform.io/usage': pod.usage },
        },
        spec: {
          containers: [
            {
              name: 'main',
              image: 'registry.example.com/web:1.0',
              resources: { requests: pod.requests, limits: pod.requests },
            },
          ],
        },
      },
    });
  }
  await waitFor(
    async () => {
      const list = await core.listNamespacedPod({ namespace: tenant });
      return list.items.filter(p => p.status?.phase === 'Running').length ===
        PODS.length
        ? true
        : undefined;
    },
    { timeoutMs: 60_000, description: `pods running on ${cluster}` },
  );
}

interface CostBreakdownRow {
  key: string;
  total: number;
}

/** The group's cost by cluster, as bob reads it. */
async function groupCostByCluster(): Promise<CostBreakdownRow[]> {
  const res = await api(
    '/api/kube-platform/entities/group/default/team-alpha/cost?groupBy=cluster',
  );
  if (!res.ok) {
    throw new Error(`cost answered ${res.status}: ${await res.text()}`);
  }
  return (await res.json()).breakdown;
}

beforeAll(async () => {
  backstage = await startBackstage(clusters, { guestUser: BOB });
  for (const cluster of PLACED) {
    await createTenant(cluster);
    await runPods(cluster);
  }
  ({ browser, page } = await openSignedInPage(backstage.appUrl, {
    width: 1440,
    height: 1100,
  }));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await backstage?.stop();
  for (const cluster of PLACED) {
    await clusterNamed(cluster)
      ?.kubeConfig.makeApiClient(CoreV1Api)
      .deleteNamespace({ name: tenant })
      .catch(() => undefined);
  }
  delete process.env.APP_CONFIG_kubePlatform_cost_sampleFrequency;
});

describe('Cost tab in the browser', () => {
  it("shows bob the real accrued cost of team-alpha's pods on the group's Cost tab", async () => {
    // Several sample intervals on both clusters: each has accrued some cost.
    const breakdown = await waitFor(
      async () => {
        const rows = await groupCostByCluster();
        return PLACED.every(c => rows.some(r => r.key === c && r.total > 0))
          ? rows
          : undefined;
      },
      {
        timeoutMs: 180_000,
        intervalMs: SAMPLE_SECONDS * 1000,
        description: 'cost accrued on cluster-1 and cluster-2',
      },
    );
    expect(breakdown.map(r => r.key)).toEqual(expect.arrayContaining(PLACED));
    // Each tenant's split follows the model: CPU at max(request, usage) of each
    // pod (500m + 800m at $0.05 a core-hour), memory likewise (512Mi + 300Mi at
    // $0.01 a GiB-hour), whatever the number of samples.
    const cpuPerHour = (0.5 + 0.8) * 0.05;
    const memoryPerHour = ((512 + 300) / 1024) * 0.01;
    const res = await api(
      '/api/kube-platform/entities/group/default/team-alpha/cost?groupBy=namespace',
    );
    const byNamespace: Array<CostBreakdownRow & { cpu: number }> = (
      await res.json()
    ).breakdown.filter((r: CostBreakdownRow) => r.key.includes(tenant));
    expect(byNamespace).toHaveLength(PLACED.length);
    for (const row of byNamespace) {
      expect(row.cpu / row.total).toBeCloseTo(
        cpuPerHour / (cpuPerHour + memoryPerHour),
        3,
      );
    }
    // A few more samples, so that the page shows more than the first one.
    await new Promise(resolve =>
      setTimeout(resolve, 6 * SAMPLE_SECONDS * 1000),
    );

    await page.goto(
      `${backstage.appUrl}/catalog/default/group/team-alpha/cost`,
    );
    const heading = page.getByText(/ over the last 30 days$/);
    await heading.waitFor({ timeout: 120_000 });
    // The header total is a real, non-zero amount.
    const total = Number(
      ((await heading.textContent()) ?? '').replace(/[^0-9.]/g, ''),
    );
    expect(total).toBeGreaterThan(0);

    // The chart drew stacked bars from the series.
    await page.locator('.recharts-bar-rectangle path').first().waitFor();
    expect(
      await page.locator('.recharts-bar-rectangle path').count(),
    ).toBeGreaterThan(0);

    // The table has a row per cluster with a non-zero total.
    const table = page.getByRole('table', { name: 'Cost by cluster' });
    for (const cluster of PLACED) {
      const row = table.getByRole('row').filter({ hasText: cluster });
      const cells = await row.getByRole('cell').allTextContents();
      // cluster, CPU, memory, storage, total, share
      expect(Number(cells[4].replace(/[^0-9.]/g, ''))).toBeGreaterThan(0);
    }
    // Usage came from the clusters' metrics.
    await page.getByText('cluster-1: measured usage (metrics)').waitFor();

    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({
      path: path.join(screenshots, 'cost-tab.png'),
      fullPage: true,
    });

    // The CSV comes through the browser with bob's credentials.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Download CSV/i }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^cost-group-default-team-alpha-.*\.csv$/,
    );
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    for (const cluster of PLACED) {
      const line = csv
        .split('\n')
        .find(l => l.startsWith(`breakdown,${cluster},`));
      expect(Number(line?.split(',')[6])).toBeGreaterThan(0);
    }

    // Workload breakdown names the pods' workloads.
    await page.getByLabel('Break down by').click();
    await page.getByRole('option', { name: 'Workload' }).click();
    await page
      .getByRole('table', { name: 'Cost by workload' })
      .getByText(/web/)
      .first()
      .waitFor();
  });

  it("shows a tenant's budget with its projection and level on the tenant's Cost tab", async () => {
    await page.goto(
      `${backstage.appUrl}/catalog/default/resource/cluster-1-${tenant}/cost`,
    );
    // The catalog picks the new tenant up at its next refresh.
    await page
      .getByText('$5.00 this month', { exact: false })
      .waitFor({ timeout: 180_000 });
    await page.getByText(/^Projected for the month: \$/).waitFor();
    expect(
      await page
        .getByText(/^(On track|Projected near budget|Projected over budget)$/)
        .first()
        .isVisible(),
    ).toBe(true);
    expect(
      await page
        .getByRole('progressbar', { name: 'Budget used this month' })
        .count(),
    ).toBe(1);
    // Not a group: no child groups to include.
    expect(await page.getByText('Include child groups').count()).toBe(0);
    await page.screenshot({
      path: path.join(
        process.env.KUBE_PLATFORM_E2E_FAILURES ?? '/tmp',
        'cost-tab-tenant.png',
      ),
      fullPage: true,
    });
  });

  it("tells bob he may not see another team's cost", async () => {
    await page.goto(`${backstage.appUrl}/catalog/default/group/team-beta/cost`);
    await page
      .getByText('You cannot see this cost')
      .waitFor({ timeout: 120_000 });
    await page
      .getByText(/members of the owning group and to platform admins/)
      .waitFor();
    // No figure of team-beta's leaks into the page.
    expect(await page.getByRole('table', { name: /^Cost by/ }).count()).toBe(0);
    expect(await page.getByText(/ over the last /).count()).toBe(0);
  });

  it('shows bob, who does not own the cluster, who may see its cost on the cluster card', async () => {
    await page.goto(`${backstage.appUrl}/catalog/default/resource/cluster-2`);
    await page.getByText('Cost, last 30 days').waitFor({ timeout: 120_000 });
    await page
      .getByText('Visible to the cluster owners and platform admins')
      .waitFor();
    expect(
      await page.getByText(/ allocated, .* idle; efficiency /).count(),
    ).toBe(0);
  });

  it("shows month to date on the group's overview card", async () => {
    await page.goto(`${backstage.appUrl}/catalog/default/group/team-alpha`);
    const card = page
      .locator('.MuiCard-root')
      .filter({ has: page.getByText('Cost', { exact: true }) });
    const mtd = card.getByText(/^Month to date: CPU /);
    await mtd.waitFor({ timeout: 120_000 });
    const amount = await card.locator('p.MuiTypography-h4').textContent();
    expect(Number((amount ?? '').replace(/[^0-9.]/g, ''))).toBeGreaterThan(0);
  });
});
