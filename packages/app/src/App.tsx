import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import kubePlatformPlugin from '@kube-platform/plugin-kube-platform/alpha';
import { signInModule } from './signInModule';

/** The Backstage app hosting Kube Platform beside the catalog, scaffolder, notifications and stock Kubernetes tab. */
export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    scaffolderPlugin,
    kubernetesPlugin,
    userSettingsPlugin,
    // Budget alerts arrive as notifications, pushed live through signals.
    notificationsPlugin,
    signalsPlugin,
    kubePlatformPlugin,
    signInModule,
  ],
});
