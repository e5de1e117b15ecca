/**
 * User settings: one row per key in the `settings` table, read through a schema (a row written by an older
 * or newer build, or edited by hand, falls back to its default instead of breaking the app).
 */
import * as v from 'valibot';
import { PSEUDO_LOCALE, SUPPORTED_LOCALES } from '../i18n/locales';
import type { LanguageChoice } from '../i18n/locales';
import { coded, type DescribableError, type ErrorCode } from '../i18n/errors';
import type { BroadsheetDb } from './schema';

export type Theme = 'system' | 'light' | 'dark' | 'sepia';
export type MarkReadOn = 'open' | 'delay' | 'manual';

export interface Settings {
  theme: Theme;
  /** The language of the chrome: 'system' follows the OS (shared/i18n/locales.ts). */
  language: LanguageChoice;
  /** Minutes between automatic syncs: 15..1440, or 0 for manual only. */
  syncIntervalMinutes: number;
  markReadOn: MarkReadOn;
  markReadDelaySeconds: number;
  /** Days to keep articles; null keeps everything. */
  retentionDays: number | null;
  /** Command id → key bindings, overriding the catalogue's defaults. */
  keyBindings: Record<string, string[]>;
  readerFont: 'serif' | 'sans' | 'mono';
  readerFontSize: number;
  readerLineHeight: number;
  /** Pixel widths of the sidebar and article list. */
  paneWidths: { sidebar: number; list: number };
  /** Show only unread articles in lists by default. */
  unreadOnly: boolean;
  notifyNewArticles: boolean;
  /** Keep running in the tray when the window closes; null follows the platform (on for Windows and Linux). */
  tray: boolean | null;
  startAtLogin: boolean;
  startHidden: boolean;
  /** Load the full article text for new articles of feeds that do not say otherwise (FeedOptions.fullText). */
  fullTextDefault: boolean;
  /** Keep images of new articles for offline reading, for feeds that do not say otherwise (FeedOptions.offlineImages). */
  offlineImages: boolean;
  /** Bytes of offline images allowed before the oldest images of read articles are evicted (starred never are). */
  storageBudgetBytes: number;
  /** Searches kept as smart views in the sidebar (newsboat's query feeds). */
  savedSearches: SavedSearch[];
}

export interface SavedSearch {
  id: string;
  title: string;
  query: string;
}

export const defaultSettings: Readonly<Settings> = Object.freeze({
  theme: 'system',
  language: 'system',
  syncIntervalMinutes: 30,
  markReadOn: 'open',
  markReadDelaySeconds: 2,
  retentionDays: null,
  keyBindings: {},
  readerFont: 'serif',
  readerFontSize: 18,
  readerLineHeight: 1.6,
  paneWidths: { sidebar: 260, list: 380 },
  unreadOnly: false,
  notifyNewArticles: true,
  tray: null,
  startAtLogin: false,
  startHidden: false,
  fullTextDefault: false,
  offlineImages: true,
  storageBudgetBytes: 2 * 1024 * 1024 * 1024,
  savedSearches: [],
});

const intIn = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

export const settingSchemas = {
  theme: v.picklist(['system', 'light', 'dark', 'sepia']),
  language: v.picklist(['system', ...SUPPORTED_LOCALES, PSEUDO_LOCALE]),
  syncIntervalMinutes: v.union([v.literal(0), intIn(15, 1440)]),
  markReadOn: v.picklist(['open', 'delay', 'manual']),
  markReadDelaySeconds: v.pipe(v.number(), v.minValue(0), v.maxValue(600)),
  retentionDays: v.nullable(intIn(1, 36500)),
  keyBindings: v.record(v.string(), v.array(v.string())),
  readerFont: v.picklist(['serif', 'sans', 'mono']),
  readerFontSize: v.pipe(v.number(), v.minValue(8), v.maxValue(48)),
  readerLineHeight: v.pipe(v.number(), v.minValue(1), v.maxValue(3)),
  paneWidths: v.object({ sidebar: v.pipe(v.number(), v.minValue(0)), list: v.pipe(v.number(), v.minValue(0)) }),
  unreadOnly: v.boolean(),
  notifyNewArticles: v.boolean(),
  tray: v.nullable(v.boolean()),
  startAtLogin: v.boolean(),
  startHidden: v.boolean(),
  fullTextDefault: v.boolean(),
  offlineImages: v.boolean(),
  storageBudgetBytes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1024 * 1024 * 1024 * 1024)),
  savedSearches: v.array(
    v.object({ id: v.pipe(v.string(), v.nonEmpty()), title: v.pipe(v.string(), v.maxLength(200)), query: v.pipe(v.string(), v.maxLength(2000)) }),
  ),
} satisfies { [K in keyof Settings]: v.GenericSchema<unknown, Settings[K]> };

export const settingKeys = Object.keys(settingSchemas) as Array<keyof Settings>;

export function isSettingKey(key: string): key is keyof Settings {
  return Object.hasOwn(settingSchemas, key);
}

/** The stored value when valid, else the default. */
export function parseSetting<K extends keyof Settings>(key: K, value: unknown): Settings[K] {
  const schema = settingSchemas[key] as unknown as v.GenericSchema<unknown, Settings[K]>;
  const result = v.safeParse(schema, value);
  return result.success ? result.output : (defaultSettings[key] as Settings[K]);
}

export async function getSettings(db: BroadsheetDb): Promise<Settings> {
  const rows = await db.settings.toArray();
  const settings: Settings = structuredClone(defaultSettings) as Settings;
  for (const row of rows) {
    if (isSettingKey(row.key)) (settings as Record<keyof Settings, unknown>)[row.key] = parseSetting(row.key, row.value);
  }
  return settings;
}

export async function getSetting<K extends keyof Settings>(db: BroadsheetDb, key: K): Promise<Settings[K]> {
  const row = await db.settings.get(key);
  return row ? parseSetting(key, row.value) : (structuredClone(defaultSettings[key]) as Settings[K]);
}

/** A refused setting: which one, and why in words the reader can act on (describeError words it in their language). */
export type SettingError = DescribableError & { key: string; code: ErrorCode };

type SettingIssue = v.BaseIssue<unknown>;

/**
 * Valibot's issue as a catalogue message. A union (0 or 15–1440 minutes) fails on every branch; the branch that says
 * something a person can act on (a bound) is the one shown.
 */
function settingError(key: string, issue: SettingIssue | undefined): SettingError {
  const bounded = (found: SettingIssue): boolean => ['min_value', 'max_value', 'max_length'].includes(found.type);
  const reason = issue && !bounded(issue) ? (issue.issues?.find(bounded) ?? issue) : issue;
  const bound = reason?.requirement;
  if (typeof bound === 'number') {
    if (reason?.type === 'min_value') return { key, ...coded('errors.settings.atLeast', `Enter ${bound} or more.`, { min: bound }) };
    if (reason?.type === 'max_value') return { key, ...coded('errors.settings.atMost', `Enter ${bound} or less.`, { max: bound }) };
    if (reason?.type === 'max_length') return { key, ...coded('errors.settings.tooLong', `Use at most ${bound} characters.`, { max: bound }) };
  }
  return { key, ...coded('errors.settings.invalid', 'This value cannot be used.') };
}

/** Stores the given settings; rejects (and stores none of) a patch with an invalid value. */
export async function setSettings(db: BroadsheetDb, patch: Partial<Settings>): Promise<SettingError[]> {
  const errors: SettingError[] = [];
  const rows: Array<{ key: string; value: unknown }> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (!isSettingKey(key)) {
      errors.push(settingError(key, undefined));
      continue;
    }
    const result = v.safeParse(settingSchemas[key], value);
    if (result.success) rows.push({ key, value: result.output });
    else errors.push(settingError(key, result.issues[0]));
  }
  if (errors.length === 0 && rows.length > 0) await db.settings.bulkPut(rows);
  return errors;
}
