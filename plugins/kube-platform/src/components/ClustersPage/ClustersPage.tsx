import { Content, Header, Page } from '@backstage/core-components';
import { ClustersTable } from './ClustersTable';

/** Full page listing the cluster inventory. */
export function ClustersPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Clusters"
        subtitle="Kubernetes clusters registered with Kube Platform"
      />
      <Content>
        <ClustersTable />
      </Content>
    </Page>
  );
}
