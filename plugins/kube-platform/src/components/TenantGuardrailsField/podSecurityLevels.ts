import {
  ENVIRONMENT_PRESETS,
  POD_SECURITY_STANDARDS,
  type PodSecurityStandard,
  type TenantEnvironment,
} from '@kube-platform/plugin-kube-platform-common';

/** Pod Security levels as the form offers them, strictest first. */
export const POD_SECURITY_LEVELS: PodSecurityStandard[] = [
  ...POD_SECURITY_STANDARDS,
].reverse();

function presetOf(environment: string | undefined) {
  return environment && environment in ENVIRONMENT_PRESETS
    ? ENVIRONMENT_PRESETS[environment as TenantEnvironment]
    : undefined;
}

/** The level a tenant of the environment gets when none is chosen. */
export function defaultPodSecurityLevel(
  environment: string | undefined,
): PodSecurityStandard | undefined {
  return presetOf(environment)?.security.podSecurityStandard;
}

/**
 * Levels beyond the environment's guard rails, which only a holder of
 * `kube-platform.tenant.elevate` may request; with no environment chosen yet,
 * the levels no environment allows.
 */
export function podSecurityLevelsNeedingElevation(
  environment: string | undefined,
): PodSecurityStandard[] {
  const preset = presetOf(environment);
  const allowed = preset
    ? preset.ceilings.podSecurityStandards
    : Object.values(ENVIRONMENT_PRESETS).flatMap(
        p => p.ceilings.podSecurityStandards,
      );
  return POD_SECURITY_LEVELS.filter(level => !allowed.includes(level));
}
