/** Offline reading: which images to keep, tracker rules, image sniffing, the storage budget. Pure TypeScript. */
export { sniffImageType, isImageContentType, STORABLE_IMAGE_TYPES, IMAGE_SNIFF_BYTES } from './image-type';
export type { StorableImageType } from './image-type';
export { isTrackerUrl, isTrackingImage } from './trackers';
export { parseSrcset, bestSrcsetCandidate } from './srcset';
export type { SrcsetCandidate } from './srcset';
export { collectImageUrls, referencedImageUrls, absoluteImageUrl } from './image-urls';
export type { ArticleImageSource } from './image-urls';
export { planEviction } from './eviction';
export type { EvictionImage, EvictionInput, EvictionPlan, EvictionArticleState } from './eviction';
export { enforceStorageBudget } from './budget';
export type { BudgetOutcome } from './budget';
export { bytesToBase64, base64ToBytes } from './base64';
export { encodeImageResult, decodeImageResult } from './image-transport';
export { createLimiter } from './limit';
