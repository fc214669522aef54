export {
  EntityQuotaContent,
  type EntityQuotaContentProps,
} from './EntityQuotaContent';
export { EntityQuotaCard, type EntityQuotaCardProps } from './EntityQuotaCard';
export { isQuotaAvailable } from './isQuotaAvailable';
