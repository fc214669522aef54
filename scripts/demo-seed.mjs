// Seeds the demo: once the backend answers, requests the tenants the example
// components point at (backstage.io/kubernetes-namespace), so the Quota tabs
// and cluster capacity show real data. Idempotent: a second run changes nothing.
const backend = process.env.KUBE_PLATFORM_BACKEND_URL ?? 'http://localhost:7007';

const tenants = [
  {
    name: 'team-alpha-prod',
    owner: 'group:default/team-alpha',
    cluster: 'cluster-1',
    environment: 'production',
    costCenter: 'payments',
    contact: 'alpha@example.com',
    description: 'Payments API in production',
    members: { admins: ['user:default/bob'], developers: ['group:default/team-alpha'] },
    security: { allowedRegistries: ['registry.example.com'] },
  },
  {
    name: 'team-beta-prod',
    owner: 'group:default/team-beta',
    cluster: 'cluster-2',
    environment: 'production',
    costCenter: 'storefront',
    contact: 'beta@example.com',
    description: 'Storefront in production',
    quotaPreset: 'medium',
  },
  {
    name: 'team-alpha-dev',
    owner: 'group:default/team-alpha',
    cluster: 'cluster-3',
    environment: 'development',
    costCenter: 'payments',
    contact: 'alpha@example.com',
  },
];

async function waitForBackend() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${backend}/api/kube-platform/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`backend ${backend} did not come up`);
}

// A fresh token each time: its ownership claims come from the catalog, which may
// still be loading the example users and groups.
async function guestToken() {
  const refresh = await fetch(`${backend}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  return (await refresh.json()).backstageIdentity.token;
}

await waitForBackend();
for (const tenant of tenants) {
  // Until the catalog has the owner groups and memberships, requests fail with 400/403.
  for (let attempt = 0; ; attempt++) {
    const token = await guestToken();
    const res = await fetch(`${backend}/api/kube-platform/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(tenant),
    });
    const body = await res.json();
    if (res.ok) {
      process.stdout.write(`[demo-seed] tenant ${tenant.name} on ${tenant.cluster}: ${body.result}\n`);
      break;
    }
    // Seeding needs a platform admin (the default demo user, alice); signed in as
    // a team member, the other team's tenant is someone else's to request.
    if (res.status === 403 && attempt >= 5) {
      process.stdout.write(`[demo-seed] tenant ${tenant.name}: skipped, ${body.error?.message}\n`);
      break;
    }
    if (attempt >= 30) {
      process.stderr.write(`[demo-seed] tenant ${tenant.name}: ${res.status} ${body.error?.message}\n`);
      break;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}
