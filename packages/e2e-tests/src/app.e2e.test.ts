import {
  uniqueName,
  useLocalClusters,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import type { Browser, Page } from 'playwright-core';
import {
  type RunningBackstage,
  startBackstage,
} from './__testUtils__/startBackstage';
import { openSignedInPage } from './__testUtils__/signedInPage';

jest.setTimeout(600_000);

const clusters = useLocalClusters();
let backstage: RunningBackstage;
let browser: Browser;
let page: Page;
const tenant = uniqueName('e2e');
const templateTenant = uniqueName('tpl-ui');

beforeAll(async () => {
  backstage = await startBackstage(clusters);
  ({ browser, page } = await openSignedInPage(backstage.appUrl));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await backstage?.stop();
  await clusters
    .find(c => c.name === 'cluster-2')
    ?.kubeConfig.makeApiClient(CoreV1Api)
    .deleteNamespace({ name: tenant })
    .catch(() => undefined);
  await clusters
    .find(c => c.name === 'cluster-1')
    ?.kubeConfig.makeApiClient(CoreV1Api)
    .deleteNamespace({ name: templateTenant })
    .catch(() => undefined);
});

describe('Kube Platform in the browser', () => {
  it('lists the three clusters as Ready on the Clusters page', async () => {
    await page.goto(`${backstage.appUrl}/kube-platform/clusters`);
    await page
      .getByText('Registered clusters (3)')
      .waitFor({ timeout: 60_000 });
    for (const cluster of clusters) {
      const row = page.getByRole('row').filter({ hasText: cluster.name });
      await row
        .getByText('Ready', { exact: true })
        .waitFor({ timeout: 30_000 });
      await row.getByText(/^v1\.36\./).waitFor();
    }
    expect(await page.getByText('region=eu-west').count()).toBeGreaterThan(0);
  });

  it('shows the cluster card on a cluster entity page', async () => {
    await page.goto(`${backstage.appUrl}/catalog/default/resource/cluster-2`);
    await page
      .getByText(/v1\.36\./)
      .first()
      .waitFor({ timeout: 120_000 });
    expect(
      await page.getByText('Ready', { exact: true }).count(),
    ).toBeGreaterThan(0);
  });

  it("shows a new tenant on its group's Quota tab", async () => {
    const token = await backstage.token();
    const res = await fetch(
      `${backstage.backendUrl}/api/kube-platform/tenants`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          name: tenant,
          owner: 'group:default/team-alpha',
          cluster: 'cluster-2',
          environment: 'development',
          costCenter: 'payments',
          contact: 'alpha@example.com',
        }),
      },
    );
    expect(res.status).toBe(201);
    await page.goto(
      `${backstage.appUrl}/catalog/default/group/team-alpha/quota`,
    );
    await page.getByText(tenant).first().waitFor({ timeout: 60_000 });
    await page.getByText('requests.cpu').first().waitFor();
  });

  it('requests a tenant through the template, then verifies its isolation on its page', async () => {
    await page.goto(
      `${backstage.appUrl}/create/templates/default/request-tenant`,
    );
    await page.getByRole('textbox', { name: 'Name' }).fill(templateTenant);
    await page.getByRole('textbox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: 'Team Alpha' }).click();
    await page.getByRole('textbox', { name: 'Cluster' }).click();
    await page.getByRole('option', { name: /^(cluster-1|Cluster 1)/ }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Cost center').fill('payments');
    await page.getByLabel('Contact').fill('alpha@example.com');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();

    // The task log shows each object as the backend applies it, then the checks.
    await page
      .getByText(`Namespace ${templateTenant} on cluster cluster-1 is ready`, {
        exact: false,
      })
      .waitFor({ timeout: 120_000 });
    // The log view is virtualised, so read the whole log from the task's events.
    const taskId = new URL(page.url()).pathname.split('/').pop();
    const events = await fetch(
      `${backstage.backendUrl}/api/scaffolder/v2/tasks/${taskId}/events`,
      {
        headers: { authorization: `Bearer ${await backstage.token()}` },
      },
    ).then(r => r.json());
    const log = (events as Array<{ body: { message?: string } }>)
      .map(e => e.body.message ?? '')
      .join('\n');
    const order = [
      'Namespace/',
      'ResourceQuota/tenant-quota',
      'LimitRange/tenant-limits',
      'NetworkPolicy/default-deny',
      'RoleBinding/tenant-viewer',
      'PASS quota-enforced',
    ];
    const positions = order.map(text => log.indexOf(text));
    expect(positions.every(p => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    // The tenant arrives in the catalog; its page verifies isolation on demand.
    await page.goto(
      `${backstage.appUrl}/catalog/default/resource/cluster-1-${templateTenant}`,
    );
    const verify = page.getByRole('button', { name: 'Verify isolation' });
    await verify.waitFor({ timeout: 60_000 });
    await verify.click();
    await page
      .getByText(/Isolation verified: all \d+ checks passed/)
      .waitFor({ timeout: 60_000 });
  });
});
