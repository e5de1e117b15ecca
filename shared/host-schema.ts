/**
 * Validation of every argument that crosses into a host (Electron IPC or the browser host's HTTP API).
 * The renderer is treated as untrusted: it shows HTML written by strangers.
 */
import * as v from 'valibot';
import type { FeedRequest, HostCallName, HostError } from './host';
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

/** The validated argument list of each host call. */
export interface HostCallArgs {
  fetchFeed: [FeedRequest];
  fetchPage: [string];
  openExternal: [string];
  appInfo: [];
}

const argSchemas = {
  fetchFeed: v.strictTuple([FeedRequestSchema]),
  fetchPage: v.strictTuple([HttpUrlSchema]),
  openExternal: v.strictTuple([HttpUrlSchema]),
  appInfo: v.strictTuple([]),
} satisfies Record<HostCallName, v.GenericSchema>;

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
