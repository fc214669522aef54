export { ClustersPage } from './ClustersPage';
export { ClustersTable, type ClustersTableProps } from './ClustersTable';
