export {
  EntityTenantCard,
  type EntityTenantCardProps,
} from './EntityTenantCard';
export { isTenantAvailable } from './isTenantAvailable';
