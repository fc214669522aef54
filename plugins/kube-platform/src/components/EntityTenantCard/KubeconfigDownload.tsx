import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { kubePlatformKubeconfigReadPermission } from '@kube-platform/plugin-kube-platform-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import type { TenantRef } from './isTenantAvailable';

/**
 * Saves a kubeconfig for the tenant's namespace. Shown only to those the
 * permission policy lets read it (the owner group); others see who may.
 */
export function KubeconfigDownload(props: {
  tenantRef: TenantRef;
  /** Group the tenant belongs to, named in the note to those who may not download. */
  owner: string;
}) {
  const { cluster, name } = props.tenantRef;
  const permission = usePermission({
    permission: kubePlatformKubeconfigReadPermission,
    resourceRef: `${cluster}/${name}`,
  });
  // Nothing while the decision loads: a button that then answers 403 would mislead.
  if (permission.loading) {
    return null;
  }
  if (!permission.allowed) {
    return (
      <Typography variant="caption" color="textSecondary">
        Kubeconfigs are issued to members of {props.owner}
      </Typography>
    );
  }
  return <KubeconfigDownloadButton tenantRef={props.tenantRef} />;
}

function KubeconfigDownloadButton(props: { tenantRef: TenantRef }) {
  const api = useApi(kubePlatformApiRef);
  const { cluster, name } = props.tenantRef;
  const [download, start] = useAsyncFn(async () => {
    const kubeconfig = await api.getTenantKubeconfig(cluster, name);
    const url = URL.createObjectURL(
      new Blob([kubeconfig], { type: 'application/yaml' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = `${cluster}-${name}.kubeconfig`;
    link.click();
    URL.revokeObjectURL(url);
  }, [api, cluster, name]);
  return (
    <>
      <Button
        variant="outlined"
        disabled={download.loading}
        onClick={() => start()}
      >
        Download kubeconfig
      </Button>
      {download.error && (
        <Typography variant="caption" color="error" role="alert">
          {download.error.message}
        </Typography>
      )}
    </>
  );
}
