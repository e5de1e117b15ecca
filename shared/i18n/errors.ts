/**
 * Errors travel as data: where one is made (a fetch, a parser, an account call) it gets an English `message` (for
 * logs and old stored rows) and a `code` naming its message in the catalogue with the `values` to fill in. It is
 * worded where it is shown, in the reader's language, by describeError; low-level code never translates.
 */
import type en from './locales/en.json';
import type { Translate } from './translator';

type Leaves<T, Prefix extends string> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A message key under `errors.` or `rules.errors.` (a select form is named with its suffix: `errors.net.tooLarge_feed`). */
export type ErrorCode = Leaves<(typeof en)['errors'], 'errors.'> | Leaves<(typeof en)['rules']['errors'], 'rules.errors.'>;

/** A value of an error message: text or a number as it is, or another error message (a reason inside a sentence). */
export type ErrorValue = string | number | { code: ErrorCode; values?: Record<string, ErrorValue> };

export interface WordedError {
  code: ErrorCode;
  values?: Record<string, ErrorValue>;
}

/** Anything with a message that may also carry its code (HostError, a feed's stored lastError, a parse error). */
export interface DescribableError {
  message: string;
  code?: ErrorCode;
  values?: Record<string, ErrorValue>;
}

/** An error as the reader should read it: its message in the active language, else its English message. */
export function describeError(error: DescribableError | string, t: Translate): string {
  if (typeof error === 'string') return error;
  if (!error.code) return error.message;
  return word({ code: error.code, ...(error.values ? { values: error.values } : {}) }, t, error.message);
}

function word(error: WordedError, t: Translate, fallback?: string): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.values ?? {})) values[name] = typeof value === 'object' ? word(value, t) : value;
  return t(error.code, { ...values, ...(fallback !== undefined ? { defaultValue: fallback } : {}) });
}

/** An error value made from a code, for the places that build a HostError: `{ kind, ...coded('errors.x', {...}) }`. */
export function coded(code: ErrorCode, message: string, values?: Record<string, ErrorValue>): DescribableError & { code: ErrorCode } {
  return { message, code, ...(values ? { values } : {}) };
}
