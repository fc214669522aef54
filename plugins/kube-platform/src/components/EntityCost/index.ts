export {
  EntityCostContent,
  type EntityCostContentProps,
} from './EntityCostContent';
export { EntityCostCard, type EntityCostCardProps } from './EntityCostCard';
export { ClusterCostSummary } from './ClusterCostSummary';
export { isCostAvailable } from './isCostAvailable';
