/** Language tags as feeds and servers write them, made into BCP 47 form. */

/**
 * `en_US` (the POSIX locale form many feeds use) → `en-US`; a Content-Language list (`de-DE, en`) → its first tag.
 * Case is kept as written (`en-us` is as valid a tag as `en-US`). Undefined when nothing is left.
 */
export function languageTag(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const comma = raw.indexOf(',');
  const first = (comma === -1 ? raw : raw.slice(0, comma)).trim();
  if (first === '') return undefined;
  return first.includes('_') ? first.replace(/_/g, '-') : first;
}
