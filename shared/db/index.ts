export * from './library';
export { BroadsheetDb, CURRENT_DB_VERSION } from './schema';
export type { ArticleRow, ContentRow, FeedRow, FolderRow, ImageRow, FeedOptions, BroadsheetDbOptions, SearchSnapshotRow, SearchSnapshotFile, RuleRow, RuleScope, RuleActions } from './schema';
export { feedIdFor, articleIdFor, normaliseFeedUrl } from './ids';
