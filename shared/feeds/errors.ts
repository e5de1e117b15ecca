import type { DescribableError } from '../i18n/errors';
/** Why an input is not a feed; the HTTP layer words its message from this (e.g. suggest discovery for 'html-page'). */
export type FeedParseErrorReason = 'html-page' | 'empty' | 'not-a-feed' | 'too-deep' | 'too-large';

/** Thrown by parseFeed only when the input is not a feed at all; broken feeds are parsed, not rejected. */
export class FeedParseError extends Error {
  readonly reason: FeedParseErrorReason;
  /** The message in the catalogue (shared/i18n/errors), worded where it is shown. */
  readonly wording: DescribableError;

  constructor(reason: FeedParseErrorReason, wording: DescribableError) {
    super(wording.message);
    this.name = 'FeedParseError';
    this.reason = reason;
    this.wording = wording;
  }
}
