/**
 * Validation of every argument that crosses into a host (Electron IPC or the browser host's HTTP API).
 * The renderer is treated as untrusted: it shows HTML written by strangers.
 */
import * as v from 'valibot';
import type { KeyBindings } from './commands';
import { commandCatalogue } from './commands';
import type { FeedRequest, HostCallName, HostError, HostNotification, HostSettings } from './host';
import { MAX_FEED_BATCH } from './host';
import type { Result } from './result';
import { err, ok } from './result';

export const MAX_URL_LENGTH = 8 * 1024;
const MAX_VALIDATOR_LENGTH = 1024;

/** An absolute http(s) URL of reasonable length: the only kind of URL a host will fetch or open. */
export const HttpUrlSchema = v.pipe(
  v.string('a URL must be a string'),
  v.trim(),
  v.nonEmpty('the URL is empty'),
  v.maxLength(MAX_URL_LENGTH, `the URL is longer than ${MAX_URL_LENGTH} characters`),
  v.check(isHttpUrl, 'only http and https URLs are allowed'),
);

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const ValidatorSchema = v.optional(v.pipe(v.string(), v.maxLength(MAX_VALIDATOR_LENGTH)));

export const FeedRequestSchema = v.strictObject({
  url: HttpUrlSchema,
  etag: ValidatorSchema,
  lastModified: ValidatorSchema,
  bodyHash: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'bodyHash must be a hex SHA-256'))),
});

/** An unread count: a whole number; absurd values are refused rather than shown. */
export const UnreadCountSchema = v.pipe(
  v.number('the unread count must be a number'),
  v.integer('the unread count must be a whole number'),
  v.minValue(0, 'the unread count cannot be negative'),
  v.maxValue(100_000_000, 'the unread count is implausibly large'),
);

const MAX_NOTIFICATION_TITLE = 256;
const MAX_NOTIFICATION_BODY = 2048;
const MAX_ID_LENGTH = 512;
const idSchema = v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_ID_LENGTH));

export const HostNotificationSchema = v.strictObject({
  title: v.pipe(v.string('a notification needs a title'), v.nonEmpty('a notification needs a title'), v.maxLength(MAX_NOTIFICATION_TITLE)),
  body: v.pipe(v.string(), v.maxLength(MAX_NOTIFICATION_BODY)),
  articleId: v.optional(idSchema),
  feedId: v.optional(idSchema),
});

const MAX_BINDINGS_PER_COMMAND = 8;
const MAX_BINDING_LENGTH = 64;

/** Key overrides: only known command ids, a few short bindings each (the menu turns them into accelerators). */
export const KeyBindingsSchema = v.pipe(
  v.record(
    v.string(),
    v.pipe(v.array(v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_BINDING_LENGTH))), v.maxLength(MAX_BINDINGS_PER_COMMAND)),
  ),
  v.check(
    (record) => Object.keys(record).every((id) => Object.prototype.hasOwnProperty.call(commandCatalogue, id)),
    'a key binding names an unknown command',
  ),
);

export const HostSettingsSchema = v.strictObject({
  tray: v.boolean(),
  startAtLogin: v.boolean(),
  startHidden: v.boolean(),
  keyBindings: KeyBindingsSchema,
});

/** The byte range of fetchEnclosureRange: a start offset and a chunk of at most 4 MiB (shared/net/fetch-range). */
export const RangeStartSchema = v.pipe(
  v.number('the range start must be a number'),
  v.integer('the range start must be a whole number'),
  v.minValue(0, 'the range start cannot be negative'),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'the range start is too large'),
);
export const RangeLengthSchema = v.pipe(
  v.number('the range length must be a number'),
  v.integer('the range length must be a whole number'),
  v.minValue(1, 'the range length must be at least 1'),
  v.maxValue(4 * 1024 * 1024, 'the range length is larger than 4 MiB'),
);

/** The validated argument list of each host call. */
export interface HostCallArgs {
  fetchFeed: [FeedRequest];
  fetchFeeds: [FeedRequest[]];
  fetchPage: [string];
  fetchImage: [string];
  fetchEnclosureRange: [string, number, number];
  openExternal: [string];
  appInfo: [];
  setUnreadCount: [number];
  notify: [HostNotification];
  setSettings: [HostSettings];
}

const argSchemas = {
  fetchFeed: v.strictTuple([FeedRequestSchema]),
  fetchFeeds: v.strictTuple([
    v.pipe(
      v.array(FeedRequestSchema, 'fetchFeeds takes a list of feed requests'),
      v.minLength(1, 'fetchFeeds needs at least one request'),
      v.maxLength(MAX_FEED_BATCH, `fetchFeeds takes at most ${MAX_FEED_BATCH} requests`),
    ),
  ]),
  fetchPage: v.strictTuple([HttpUrlSchema]),
  fetchImage: v.strictTuple([HttpUrlSchema]),
  fetchEnclosureRange: v.strictTuple([HttpUrlSchema, RangeStartSchema, RangeLengthSchema]),
  openExternal: v.strictTuple([HttpUrlSchema]),
  appInfo: v.strictTuple([]),
  setUnreadCount: v.strictTuple([UnreadCountSchema]),
  notify: v.strictTuple([HostNotificationSchema]),
  setSettings: v.strictTuple([HostSettingsSchema]),
} satisfies Record<HostCallName, v.GenericSchema>;

/** Settings read back from a file the host wrote earlier: the valid ones, or null. */
export function parseHostSettings(value: unknown): HostSettings | null {
  const parsed = v.safeParse(HostSettingsSchema, value);
  return parsed.success ? { ...parsed.output, keyBindings: parsed.output.keyBindings as KeyBindings } : null;
}

export function isHostCallName(value: unknown): value is HostCallName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(argSchemas, value);
}

/** Checks a call's raw arguments; never throws. */
export function validateHostArgs<N extends HostCallName>(name: N, args: unknown): Result<HostCallArgs[N], HostError> {
  const parsed = v.safeParse(argSchemas[name], args);
  if (parsed.success) return ok(parsed.output as HostCallArgs[N]);
  const issue = parsed.issues[0];
  const where = issue?.path?.map((item) => String(item.key)).join('.') ?? '';
  return err({
    kind: 'invalid-argument',
    message: `Invalid argument to ${name}${where ? ` (${where})` : ''}: ${issue?.message ?? 'rejected'}`,
  });
}
