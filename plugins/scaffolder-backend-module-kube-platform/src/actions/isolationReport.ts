import type { LoggerService } from '@backstage/backend-plugin-api';
import type { IsolationReport } from '@kube-platform/plugin-kube-platform-common';

/** The tenant a report is about, for messages and log metadata. */
export interface VerifiedTenant {
  cluster: string;
  name: string;
}

/** Logs each check with its evidence: info when it passed, a warning when not. */
export function logIsolationChecks(
  logger: LoggerService,
  report: IsolationReport,
  { cluster, name }: VerifiedTenant,
) {
  for (const check of report.checks) {
    const log = check.passed ? logger.info : logger.warn;
    log.call(
      logger,
      `${check.passed ? 'PASS' : 'FAIL'} ${check.id}: ${check.description} (${
        check.evidence
      })`,
      { tenant: name, cluster, check: check.id, passed: check.passed },
    );
  }
}

/**
 * The checks as plain objects built in this realm: the scaffolder accepts only plain
 * arrays and objects as outputs.
 */
export function plainIsolationChecks(report: IsolationReport) {
  return Array.from(report.checks, ({ id, description, passed, evidence }) => ({
    id,
    description,
    passed,
    evidence,
  }));
}

/**
 * Concludes a verification: throws when a check failed, unless `allowFailure` is set,
 * in which case it only warns; logs the success otherwise.
 */
export function concludeIsolationReport(
  logger: LoggerService,
  report: IsolationReport,
  tenant: VerifiedTenant,
  allowFailure: boolean,
) {
  const { cluster, name } = tenant;
  if (report.passed) {
    logger.info(
      `Tenant ${name} on ${cluster} passed all ${report.checks.length} isolation checks`,
      { tenant: name, cluster },
    );
    return;
  }
  const failed = report.checks.filter(c => !c.passed).map(c => c.id);
  const message = `Tenant ${name} on ${cluster} failed isolation checks: ${failed.join(
    ', ',
  )}`;
  if (!allowFailure) {
    throw new Error(message);
  }
  logger.warn(`${message}; continuing because allowFailure is set`, {
    tenant: name,
    cluster,
  });
}
