/**
 * Validation of every argument that crosses into a host (Electron IPC or the browser host's HTTP API).
 * The renderer is treated as untrusted: it shows HTML written by strangers.
 */
import * as v from 'valibot';
import type { KeyBindings } from './commands';
import { commandCatalogue } from './commands';
import type { AccountRequest, AccountSignIn, FeedRequest, HostCallName, HostError, HostNotification, HostSettings, RemoteService } from './host';
import { MAX_FEED_BATCH } from './host';
import { PSEUDO_LOCALE, SUPPORTED_LOCALES } from './i18n/locales';
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
  locale: v.optional(v.picklist([...SUPPORTED_LOCALES, PSEUDO_LOCALE])),
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

const REMOTE_SERVICES = ['freshrss', 'miniflux', 'inoreader', 'theoldreader', 'bazqux', 'greader', 'fever'] as const satisfies readonly RemoteService[];
const MAX_USER_NAME = 256;
const MAX_PASSWORD = 1024;

/** Messages name the field, never its value: a password must not come back in an error. */
export const AccountSignInSchema = v.strictObject({
  service: v.picklist(REMOTE_SERVICES, 'unknown service'),
  serverUrl: HttpUrlSchema,
  userName: v.pipe(v.string('the user name must be text'), v.nonEmpty('the user name is empty'), v.maxLength(MAX_USER_NAME, 'the user name is too long')),
  password: v.pipe(v.string('the password must be text'), v.nonEmpty('the password is empty'), v.maxLength(MAX_PASSWORD, 'the password is too long')),
  appId: v.optional(v.pipe(v.string(), v.maxLength(MAX_USER_NAME, 'the app id is too long'))),
  appKey: v.optional(v.pipe(v.string(), v.maxLength(MAX_PASSWORD, 'the app key is too long'))),
});

/** Account ids are made by the host: `acct-` and a UUID. */
export const AccountIdSchema = v.pipe(v.string('an account id must be text'), v.regex(/^acct-[0-9a-f-]{36}$/, 'not an account id'));

const PasswordSchema = v.pipe(v.string('the password must be text'), v.nonEmpty('the password is empty'), v.maxLength(MAX_PASSWORD, 'the password is too long'));

const MAX_PAIRS = 1000;
const PairSchema = v.strictTuple([v.pipe(v.string(), v.maxLength(64)), v.pipe(v.string(), v.maxLength(MAX_URL_LENGTH))]);

/**
 * An API path below the account's API address: plain segments only (no scheme, no `..`, no query), so a page cannot
 * make the host send an account's credentials anywhere but to its own API.
 */
export const AccountRequestSchema = v.strictObject({
  method: v.picklist(['GET', 'POST'], 'only GET and POST'),
  path: v.pipe(
    v.string('the path must be text'),
    v.maxLength(1024, 'the path is too long'),
    v.regex(/^[A-Za-z0-9_.,:;@=+~%-]+(\/[A-Za-z0-9_.,:;@=+~%-]+)*$|^$/, 'the path has characters an API path does not'),
    v.check((path) => !path.split('/').some((segment) => segment === '..' || segment === '.'), 'the path may not leave the API'),
  ),
  query: v.optional(v.pipe(v.array(PairSchema), v.maxLength(MAX_PAIRS, 'too many query parameters'))),
  form: v.optional(v.pipe(v.array(PairSchema), v.maxLength(MAX_PAIRS, 'too many form fields'))),
});

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
  testAccount: [AccountSignIn];
  addAccount: [AccountSignIn];
  signInAgain: [string, string];
  accountRequest: [string, AccountRequest];
  removeAccount: [string];
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
  testAccount: v.strictTuple([AccountSignInSchema]),
  addAccount: v.strictTuple([AccountSignInSchema]),
  signInAgain: v.strictTuple([AccountIdSchema, PasswordSchema]),
  accountRequest: v.strictTuple([AccountIdSchema, AccountRequestSchema]),
  removeAccount: v.strictTuple([AccountIdSchema]),
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
