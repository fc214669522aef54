import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import kubePlatformPlugin from '@kube-platform/plugin-kube-platform/alpha';
import { signInModule } from './signInModule';

/** The Backstage app hosting Kube Platform beside the catalog, scaffolder and stock Kubernetes tab. */
export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    scaffolderPlugin,
    kubernetesPlugin,
    userSettingsPlugin,
    kubePlatformPlugin,
    signInModule,
  ],
});
