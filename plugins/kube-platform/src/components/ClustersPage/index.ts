export { ClustersPage } from './ClustersPage';
export { ClustersTable } from './ClustersTable';
