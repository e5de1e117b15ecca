/**
 * What a download is, as its error sentences name it ("The image could not be fetched.", "The episode is larger than
 * …"). A union, not a string, so that a new kind or a typo cannot silently fall back to the generic sentence.
 */
import type { ErrorCode } from '../i18n/errors';

export type DownloadKind = 'feed' | 'page' | 'image' | 'icon' | 'episode' | 'episode part' | 'server\u2019s answer';

/** The sentence for a download larger than Broadsheet takes. */
export const TOO_LARGE: Record<DownloadKind, ErrorCode> = {
  feed: 'errors.net.tooLarge_feed',
  page: 'errors.net.tooLarge_page',
  image: 'errors.net.tooLarge_image',
  icon: 'errors.net.tooLarge',
  episode: 'errors.net.tooLarge_episode',
  'episode part': 'errors.net.tooLarge_episodePart',
  'server\u2019s answer': 'errors.net.tooLarge_answer',
};

/** The sentence for a resource that could not be fetched (feeds and server answers have their own, richer errors). */
export const FETCH_FAILED: Record<DownloadKind, ErrorCode> = {
  feed: 'errors.net.resourceFailed',
  page: 'errors.net.resourceFailed_page',
  image: 'errors.net.resourceFailed_image',
  icon: 'errors.net.resourceFailed_icon',
  episode: 'errors.net.resourceFailed_episode',
  'episode part': 'errors.net.resourceFailed',
  'server\u2019s answer': 'errors.net.resourceFailed',
};
