export {
  EntityClusterCard,
  type EntityClusterCardProps,
} from './EntityClusterCard';
export { isKubePlatformClusterAvailable } from './isKubePlatformClusterAvailable';
