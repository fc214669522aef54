import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: guest provider for local use.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@kube-platform/plugin-catalog-backend-module-kube-platform'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@kube-platform/plugin-scaffolder-backend-module-kube-platform'),
);

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@kube-platform/plugin-permission-backend-module-kube-platform'),
);

// The stock Kubernetes backend keeps working beside ours.
backend.add(import('@backstage/plugin-kubernetes-backend'));

backend.add(import('@kube-platform/plugin-kube-platform-backend'));

// Notifications (budget alerts, among others) and the signals that push them to open pages.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
