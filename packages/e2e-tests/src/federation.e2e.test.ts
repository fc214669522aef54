import {
  useLocalClusters,
  waitFor,
  type LocalCluster,
} from '@kube-platform/localcluster-testing';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  type RunningBackstage,
  startBackstage,
} from './__testUtils__/startBackstage';
import { openSignedInPage } from './__testUtils__/signedInPage';

// Bob (team-alpha) deploys examples/systems.yaml's payments-web through the
// deploy-federated-app template and follows it on the component's Federation tab.
jest.setTimeout(900_000);

const BOB = 'user:default/bob';
/** The tenant namespace and app that payments-web's annotation names. */
const NAMESPACE = 'team-alpha-web';
const APP = 'payments-web';
const PLACED = ['cluster-1', 'cluster-2'];
const screenshots = path.resolve(__dirname, '../../../docs/screenshots');

const clusters = useLocalClusters();
let backstage: RunningBackstage;
let browser: Browser;
let page: Page;

async function api(
  running: RunningBackstage,
  route: string,
  init: { method?: string; body?: unknown } = {},
) {
  return fetch(`${running.backendUrl}${route}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${await running.token()}`,
      'content-type': 'application/json',
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** team-alpha-web as a development tenant of team-alpha on one cluster. */
async function createTenant(running: RunningBackstage, cluster: string) {
  // A backend just started may not have read examples/org.yaml yet.
  await waitFor(
    async () =>
      (
        await api(
          running,
          '/api/catalog/entities/by-name/group/default/team-alpha',
        )
      ).ok,
    {
      timeoutMs: 120_000,
      intervalMs: 1_000,
      description: 'team-alpha in the catalog',
    },
  );
  const res = await api(running, '/api/kube-platform/tenants', {
    method: 'POST',
    body: {
      name: NAMESPACE,
      owner: 'group:default/team-alpha',
      cluster,
      environment: 'development',
      costCenter: 'payments',
      contact: 'alpha@example.com',
    },
  });
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(
      `Creating tenant ${NAMESPACE} on ${cluster} answered ${
        res.status
      }: ${await res.text()}\n${running.logTail()}`,
    );
  }
}

function clusterNamed(name: string): LocalCluster {
  return clusters.find(c => c.name === name)!;
}

/** spec.replicas of the app's Deployment on a cluster, read with the cluster's admin identity. */
async function liveReplicas(cluster: string): Promise<number | undefined> {
  const deployment = await clusterNamed(cluster)
    .kubeConfig.makeApiClient(AppsV1Api)
    .readNamespacedDeployment({ name: APP, namespace: NAMESPACE })
    .catch(() => undefined);
  return deployment?.spec?.replicas;
}

async function screenshot(file: string) {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, file), fullPage: true });
}

beforeAll(async () => {
  backstage = await startBackstage(clusters, { guestUser: BOB });
  for (const cluster of PLACED) {
    await createTenant(backstage, cluster);
  }
  ({ browser, page } = await openSignedInPage(backstage.appUrl, {
    width: 1440,
    height: 1000,
  }));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await backstage?.stop();
  for (const cluster of PLACED) {
    await clusterNamed(cluster)
      ?.kubeConfig.makeApiClient(CoreV1Api)
      .deleteNamespace({ name: NAMESPACE })
      .catch(() => undefined);
  }
});

/** Runs a test's steps; on failure keeps what the page showed in $KUBE_PLATFORM_E2E_FAILURES (if set). */
function withFailureScreenshot(name: string, steps: () => Promise<void>) {
  return async () => {
    try {
      await steps();
    } catch (error) {
      const dir = process.env.KUBE_PLATFORM_E2E_FAILURES;
      if (dir) {
        fs.mkdirSync(dir, { recursive: true });
        await page
          .screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
          .catch(() => undefined);
        const details = await api(
          backstage,
          `/api/kube-platform/federated-apps/${NAMESPACE}/${APP}`,
        ).then(res => res.text(), String);
        fs.writeFileSync(path.join(dir, `${name}.json`), details);
      }
      throw error;
    }
  };
}

describe('Federated apps in the browser, as a member of the owner team', () => {
  it(
    'deploys payments-web through the template after showing the plan per cluster',
    withFailureScreenshot('deploy', async () => {
      // The catalog reads templates/all.yaml some time after the backend starts.
      await waitFor(
        async () =>
          (
            await api(
              backstage,
              '/api/catalog/entities/by-name/template/default/deploy-federated-app',
            )
          ).ok,
        {
          timeoutMs: 180_000,
          intervalMs: 2_000,
          description: 'the deploy-federated-app template in the catalog',
        },
      );
      await page.goto(
        `${backstage.appUrl}/create/templates/default/deploy-federated-app`,
      );
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill(APP);
      await page.getByRole('textbox', { name: 'Owner' }).click();
      await page.getByRole('option', { name: 'Team Alpha' }).click();
      await page
        .getByRole('textbox', { name: 'Tenant namespace' })
        .fill(NAMESPACE);
      await page.getByRole('textbox', { name: 'Component' }).click();
      await page.getByRole('option', { name: /payments-web/ }).click();
      await page.getByRole('button', { name: 'Next' }).click();

      await page
        .getByRole('textbox', { name: 'Image' })
        .fill('registry.example.com/payments-web:1.0');
      await page.getByRole('spinbutton', { name: 'Port' }).fill('8080');
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByRole('spinbutton', { name: 'Total replicas' }).fill('4');
      const clusterPicker = page.getByRole('textbox', { name: 'Clusters' });
      for (const cluster of PLACED) {
        await clusterPicker.click();
        await page
          .getByRole('option', {
            name: new RegExp(`^(${cluster}|Cluster ${cluster.slice(-1)})`),
          })
          .click();
      }
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Next' }).click();

      // The review step: the backend's what-if over the real clusters, 4 replicas split 2/2.
      const plan = page.getByRole('table', {
        name: 'Planned replicas per cluster',
      });
      await plan.waitFor({ timeout: 60_000 });
      for (const cluster of PLACED) {
        const cells = plan
          .getByRole('row')
          .filter({ hasText: cluster })
          .getByRole('cell');
        await expect(cells.nth(1).textContent()).resolves.toBe('2');
        await expect(cells.nth(4).textContent()).resolves.toBe('OK');
      }
      await page.getByText('4 replicas over 2 clusters').waitFor();
      await screenshot('federation-plan.png');

      // The review lists the plan the field kept as its value.
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).waitFor();
      await page.getByText('Plan > Cluster 1').waitFor();
      await page.getByText('Plan > Cluster 2').waitFor();
      await screenshot('federation-review.png');
      await page.getByRole('button', { name: 'Create' }).click();
      await page
        .getByRole('heading', { name: `Federated app ${NAMESPACE}/${APP}` })
        .waitFor({ timeout: 180_000 });

      for (const cluster of PLACED) {
        await expect(liveReplicas(cluster)).resolves.toBe(2);
      }
      expect(await liveReplicas('cluster-3')).toBeUndefined();
    }),
  );

  it(
    "shows the replicas of every cluster and the totals on the component's Federation tab",
    withFailureScreenshot('tab', async () => {
      await page.goto(
        `${backstage.appUrl}/catalog/default/component/${APP}/federation`,
      );
      await page
        .getByText('Replicas per cluster')
        .waitFor({ timeout: 120_000 });
      // The simulated kubelets make the pods Ready; the tab polls until it sees them.
      await page
        .getByTestId('federation-totals')
        .getByText(/^4\/4 ready, 4 available, 4 updated \(planned 4\)$/)
        .waitFor({ timeout: 120_000 });
      for (const cluster of PLACED) {
        const row = page.getByRole('row').filter({ hasText: cluster }).first();
        await row.getByText('Rolled out').waitFor({ timeout: 60_000 });
        await row.getByText('Ready', { exact: true }).waitFor();
        await row.getByText('In sync').waitFor();
      }
      await page.getByRole('cell', { name: 'create', exact: true }).waitFor();
      expect(await page.getByTestId('federation-totals').textContent()).toBe(
        '4/4 ready, 4 available, 4 updated (planned 4)',
      );
      await screenshot('federation-tab.png');
    }),
  );

  it(
    'scales the app from the tab and follows the rollout',
    withFailureScreenshot('scale', async () => {
      await page.getByRole('spinbutton', { name: 'Total replicas' }).fill('6');
      await page.getByRole('button', { name: 'Scale' }).click();
      await page
        .getByText(/^Scaled to 6 replicas/)
        .waitFor({ timeout: 120_000 });
      await page
        .getByTestId('federation-totals')
        .getByText(/^6\/6 ready, 6 available, 6 updated \(planned 6\)$/)
        .waitFor({ timeout: 120_000 });
      const live = await Promise.all(PLACED.map(liveReplicas));
      expect(live).toEqual([3, 3]);
      await page.getByRole('cell', { name: 'scale', exact: true }).waitFor();
    }),
  );

  it(
    "shows the backend's reason when a migration is refused, and changes nothing",
    withFailureScreenshot('migrate', async () => {
      // team-alpha-web is no tenant of team-alpha on cluster-3.
      await page.getByLabel('From', { exact: true }).selectOption('cluster-1');
      await page.getByLabel('To', { exact: true }).selectOption('cluster-3');
      await page.getByRole('button', { name: 'Migrate' }).click();
      const alert = page.getByRole('alert').filter({ hasText: /cluster-3/ });
      await alert.waitFor({ timeout: 120_000 });
      expect(await alert.textContent()).toMatch(
        /team-alpha-web|tenant|cluster-3/,
      );
      expect(await Promise.all(PLACED.map(liveReplicas))).toEqual([3, 3]);
      expect(await liveReplicas('cluster-3')).toBeUndefined();
    }),
  );
});
