import {
  uniqueName,
  useLocalClusters,
  waitFor,
  type LocalCluster,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  type RunningBackstage,
  startBackstage,
} from './__testUtils__/startBackstage';
import { openSignedInPage } from './__testUtils__/signedInPage';

// What a member of one team sees in the browser: bob is in team-alpha and no platform admin.
jest.setTimeout(900_000);

const BOB = 'user:default/bob';
const PLATFORM_ADMIN = 'user:default/alice';

const clusters = useLocalClusters();
/** Every plugin's SQLite files: the platform admin's start writes them, bob's reads them. */
const databaseDir = fs.mkdtempSync(
  path.join(os.tmpdir(), 'kp-e2e-security-db-'),
);
const betaTenant = uniqueName('sec-beta');
const alphaTenant = uniqueName('sec-alpha');
const refusedTenant = uniqueName('sec-priv');
let backstage: RunningBackstage;
let browser: Browser;
let page: Page;

function tenantRequest(name: string, owner: string) {
  return {
    name,
    owner,
    cluster: 'cluster-2',
    environment: 'development',
    costCenter: 'security-e2e',
    contact: 'e2e@example.com',
  };
}

/** Waits until the catalog has ingested an entity, such as the owner group of a request. */
async function catalogEntity(running: RunningBackstage, ref: string) {
  const [kind, rest] = ref.split(':');
  const token = await running.token();
  await waitFor(
    async () =>
      (
        await fetch(
          `${running.backendUrl}/api/catalog/entities/by-name/${kind}/${rest}`,
          { headers: { authorization: `Bearer ${token}` } },
        )
      ).ok,
    {
      timeoutMs: 120_000,
      intervalMs: 1_000,
      description: `${ref} in the catalog`,
    },
  );
}

async function postTenant(
  running: RunningBackstage,
  request: ReturnType<typeof tenantRequest>,
) {
  try {
    // A backend just started may not have read examples/org.yaml yet.
    await catalogEntity(running, request.owner);
    const res = await fetch(`${running.backendUrl}/api/kube-platform/tenants`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await running.token()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(request),
    });
    if (res.status !== 201) {
      throw new Error(`answered ${res.status}: ${await res.text()}`);
    }
  } catch (error) {
    throw new Error(
      `Creating tenant ${request.name} failed: ${
        (error as Error).message
      }\n${running.logTail()}`,
    );
  }
}

/**
 * The fixture bob may not create: a tenant of team-beta. A backend alone, signed
 * in as a platform admin, creates it in the database directory bob's Backstage
 * then starts on; the e2e has no other admin identity to act with.
 */
async function createTenantAsPlatformAdmin(
  localClusters: LocalCluster[],
  request: ReturnType<typeof tenantRequest>,
) {
  const admin = await startBackstage(localClusters, {
    guestUser: PLATFORM_ADMIN,
    databaseDir,
    frontend: false,
  });
  try {
    await postTenant(admin, request);
  } finally {
    await admin.stop();
  }
}

beforeAll(async () => {
  await createTenantAsPlatformAdmin(
    clusters,
    tenantRequest(betaTenant, 'group:default/team-beta'),
  );
  backstage = await startBackstage(clusters, { guestUser: BOB, databaseDir });
  // Bob's own team's tenant: the control showing the download where it is allowed.
  await postTenant(
    backstage,
    tenantRequest(alphaTenant, 'group:default/team-alpha'),
  );

  ({ browser, page } = await openSignedInPage(backstage.appUrl));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await backstage?.stop();
  const core = clusters
    .find(c => c.name === 'cluster-2')
    ?.kubeConfig.makeApiClient(CoreV1Api);
  for (const name of [betaTenant, alphaTenant]) {
    await core?.deleteNamespace({ name }).catch(() => undefined);
  }
  fs.rmSync(databaseDir, { recursive: true, force: true });
});

describe('Kube Platform for a member of one team', () => {
  it('refuses a privileged tenant in production in the template form, with the reason', async () => {
    await page.goto(
      `${backstage.appUrl}/create/templates/default/request-tenant`,
    );
    await page.getByRole('textbox', { name: 'Name' }).fill(refusedTenant);
    await page.getByRole('textbox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: 'Team Alpha' }).click();
    await page.getByRole('textbox', { name: 'Cluster' }).click();
    await page.getByRole('option', { name: /^(cluster-1|Cluster 1)/ }).click();
    await page.getByRole('button', { name: /^Environment/ }).click();
    await page.getByRole('option', { name: 'production' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Cost center').fill('payments');
    await page.getByLabel('Contact').fill('alpha@example.com');
    await page.getByRole('button', { name: 'Next' }).click();

    const podSecurity = page.getByLabel('Pod Security level');
    // Bob may not elevate: the levels beyond production's guard rails say so.
    await podSecurity
      .locator('option', { hasText: 'Privileged (needs platform admin)' })
      .waitFor({ state: 'attached' });
    expect(
      await podSecurity
        .locator('option', { hasText: /^Restricted$/ })
        .textContent(),
    ).toBe('Restricted');
    await podSecurity.selectOption('privileged');
    await page.getByRole('button', { name: 'Review' }).click();

    // The backend's guard rails refuse, naming the field; the form stays on its step.
    await page
      .getByText(
        /security\.podSecurityStandard needs a platform admin: privileged/,
      )
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: 'Create' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Review' }).waitFor();
  });

  it("shows no kubeconfig download on another team's tenant, and says who gets one", async () => {
    await page.goto(
      `${backstage.appUrl}/catalog/default/resource/cluster-2-${betaTenant}`,
    );
    await page
      .getByRole('button', { name: 'Verify isolation' })
      .waitFor({ timeout: 120_000 });
    await page
      .getByText('Kubeconfigs are issued to members of group:default/team-beta')
      .waitFor({ timeout: 30_000 });
    expect(
      await page.getByRole('button', { name: 'Download kubeconfig' }).count(),
    ).toBe(0);
  });

  it("offers the kubeconfig download on his own team's tenant", async () => {
    await page.goto(
      `${backstage.appUrl}/catalog/default/resource/cluster-2-${alphaTenant}`,
    );
    await page
      .getByRole('button', { name: 'Download kubeconfig' })
      .waitFor({ timeout: 120_000 });
    expect(
      await page.getByText(/Kubeconfigs are issued to members of/).count(),
    ).toBe(0);
  });
});
