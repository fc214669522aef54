import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { type Config, readDurationFromConfig } from '@backstage/config';

/** `kubePlatform.drift.frequency`, ten minutes unless configured. */
export function readDriftScanFrequency(
  config: Config,
): SchedulerServiceTaskScheduleDefinition['frequency'] {
  const key = 'kubePlatform.drift.frequency';
  return config.has(key)
    ? readDurationFromConfig(config, { key })
    : { minutes: 10 };
}
