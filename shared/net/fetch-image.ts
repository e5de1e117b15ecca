import type { HostResult, ImageResponse } from '../host';
import { isImageContentType, sniffImageType } from '../offline/image-type';
import { err, ok } from '../result';
import { fetchResource } from './fetch-resource';
import type { FetchOptions } from './options';
import { discardBody, readBody } from './read-body';
import { coded } from '../i18n/errors';

export const DEFAULT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const IMAGE_ACCEPT = 'image/avif, image/webp, image/png, image/jpeg, image/gif;q=0.9, */*;q=0.5';

/**
 * Fetches an image to keep offline, with the redirect, timeout and size rules of feeds and pages. The bytes decide
 * what it is (shared/offline/image-type): a script or a page served as image/png comes back as `not-an-image`.
 * Never throws and never rejects.
 */
export function fetchImage(url: string, options: FetchOptions): Promise<HostResult<ImageResponse>> {
  return fetchResource(url, options, { accept: IMAGE_ACCEPT, what: 'image' }, async (response, finalUrl, deadline) => {
    const headerType = response.headers.get('content-type');
    if (!isImageContentType(headerType)) {
      discardBody(response);
      const media = (headerType ?? '').split(';')[0]?.trim() ?? '';
      return err({ kind: 'not-an-image', ...coded('errors.net.notImage', `This URL is not an image Broadsheet keeps (it is ${media}).`, { type: media }) });
    }
    const body = await readBody(response, {
      limit: options.maxBytes ?? DEFAULT_IMAGE_MAX_BYTES,
      overflow: 'error',
      deadline,
      what: 'image',
    });
    if (!body.ok) return body;
    const type = sniffImageType(body.value);
    if (type === null) {
      return err({ kind: 'not-an-image', ...coded('errors.net.unrecognisedImage', 'The server said this was an image, but it is not one Broadsheet recognises.') });
    }
    return ok({ bytes: body.value, contentType: type, finalUrl });
  });
}
