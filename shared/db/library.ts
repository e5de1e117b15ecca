/**
 * The repository API. Functions take the database first (no class holding it): callers pass the one
 * BroadsheetDb they own, tests pass a fresh one, and the functions tree-shake and compose in transactions.
 */
export { subscribe, unsubscribe, renameFeed, setFeedUrl, moveFeed, setFeedSettings, listFeeds, findFeedByUrl, isLocalFeed } from './feeds';
export type { SubscribeOptions, FeedSettingsPatch } from './feeds';
export { createFolder, renameFolder, moveFolder, deleteFolder, listFolders } from './folders';
export { markRead, markUnread, markAllRead, setStarred, toggleRead, toggleStar } from './read-state';
export type { MarkAllScope } from './read-state';
export { unreadCounts } from './unread';
export type { UnreadCounts } from './unread';
export { listArticles, getArticle, getContent } from './queries';
export type { ArticleView, ListOptions, ListCursor, ArticlePage } from './queries';
export { getSettings, getSetting, setSettings, defaultSettings } from './settings';
export type { Settings, SavedSearch, SettingError } from './settings';
export { applyRetention } from './retention';
export { listRules, saveRule, deleteRule, moveRule, setRuleEnabled, checkRuleDraft } from './rules';
export type { RuleDraft } from './rules';
export { exportLibrary, importLibrary } from './backup';
export type { LibraryBackup, ImportReport } from './backup';
export { subscriptionsAsOpmlFolders, importOpmlFolders } from './opml';
export type { OpmlImportReport } from './opml';
