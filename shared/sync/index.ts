export { createSyncEngine, NO_TURN } from './engine';
export type { LocalSyncEngine, SyncEngine, SyncEngineOptions, SyncProgress, SyncSummary, FeedSyncOutcome, SubscribeOutcome, SyncHost, DiscoverFeeds, MergeTurn } from './engine';
export { mergeParsedFeed } from './merge';
export type { MergeResult, PreparedArticle } from './merge';
