import { parseQuantity } from './quantity';
import { POD_SECURITY_STANDARDS, QUOTA_KEYS, type TenantSpec } from './tenant';
import type { TenantGuardrailIssue } from './tenantApi';
import {
  ENVIRONMENT_PRESETS,
  type PodSecurityStandard,
  type TenantCeilings,
} from './tenantPresets';

/** The ceilings a tenant of this environment may request up to without elevation. */
export function tenantCeilings(
  environment: TenantSpec['environment'],
): TenantCeilings {
  return ENVIRONMENT_PRESETS[environment].ceilings;
}

function needsElevation(field: string, message: string): TenantGuardrailIssue {
  return { field, code: 'needs-elevation', message };
}

function quotaElevations(
  spec: TenantSpec,
  ceilings: TenantCeilings,
): TenantGuardrailIssue[] {
  return QUOTA_KEYS.filter(
    key => parseQuantity(spec.quota[key]) > parseQuantity(ceilings.quota[key]),
  ).map(key =>
    needsElevation(
      `quota.${key}`,
      `${key} ${spec.quota[key]} is above ${spec.environment}'s ceiling of ${ceilings.quota[key]}`,
    ),
  );
}

// POD_SECURITY_STANDARDS runs from weakest to strictest.
const strength = (level: PodSecurityStandard) =>
  POD_SECURITY_STANDARDS.indexOf(level);

function podSecurityElevation(
  spec: TenantSpec,
  ceilings: TenantCeilings,
): TenantGuardrailIssue[] {
  const level = spec.security.podSecurityStandard;
  if (ceilings.podSecurityStandards.includes(level)) return [];
  const weakestAllowed = [...ceilings.podSecurityStandards].sort(
    (a, b) => strength(a) - strength(b),
  )[0];
  return [
    needsElevation(
      'security.podSecurityStandard',
      `${level} is weaker than ${spec.environment}'s ${weakestAllowed}`,
    ),
  ];
}

function isolationElevation(
  spec: TenantSpec,
  ceilings: TenantCeilings,
): TenantGuardrailIssue[] {
  if (!ceilings.isolationRequired || spec.networking.isolation) return [];
  return [
    needsElevation(
      'networking.isolation',
      `turning network isolation off is beyond ${spec.environment}'s guard rails, which require it`,
    ),
  ];
}

/**
 * Which namespaces a tenant lets traffic in from. Naming them is not
 * self-service: a namespace trusted by name could later be requested by
 * another team, whose pods would then pass this tenant's policies.
 */
function trustedNamespaceElevations(spec: TenantSpec): TenantGuardrailIssue[] {
  const preset = ENVIRONMENT_PRESETS[spec.environment].networking;
  const issues: TenantGuardrailIssue[] = [];
  if (
    spec.networking.ingressControllerNamespace !==
    preset.ingressControllerNamespace
  ) {
    issues.push(
      needsElevation(
        'networking.ingressControllerNamespace',
        `trusting '${spec.networking.ingressControllerNamespace}' as the ingress controller namespace instead of '${preset.ingressControllerNamespace}' is beyond ${spec.environment}'s guard rails`,
      ),
    );
  }
  if (spec.networking.allowedNamespaces.length > 0) {
    issues.push(
      needsElevation(
        'networking.allowedNamespaces',
        `letting traffic in from ${spec.networking.allowedNamespaces.join(
          ', ',
        )} is beyond ${spec.environment}'s guard rails`,
      ),
    );
  }
  return issues;
}

function egressElevation(
  spec: TenantSpec,
  ceilings: TenantCeilings,
): TenantGuardrailIssue[] {
  const extra = spec.networking.allowedEgressPorts.filter(
    port => !ceilings.allowedEgressPorts.includes(port),
  );
  if (extra.length === 0) return [];
  const allowed = ceilings.allowedEgressPorts.join(', ') || 'none';
  return [
    needsElevation(
      'networking.allowedEgressPorts',
      `egress to port${extra.length > 1 ? 's' : ''} ${extra.join(
        ', ',
      )} is beyond ${spec.environment}'s allowed egress ports (${allowed})`,
    ),
  ];
}

/**
 * What a resolved tenant spec asks for beyond its environment's ceilings, one
 * `needs-elevation` issue per field. Granting it needs `kube-platform.tenant.elevate`.
 * Expects a spec whose quantities already passed the request schema.
 */
export function findTenantElevations(spec: TenantSpec): TenantGuardrailIssue[] {
  const ceilings = tenantCeilings(spec.environment);
  return [
    ...quotaElevations(spec, ceilings),
    ...podSecurityElevation(spec, ceilings),
    ...isolationElevation(spec, ceilings),
    ...trustedNamespaceElevations(spec),
    ...egressElevation(spec, ceilings),
  ];
}
