/**
 * Google Reader API item ids come in two forms: the long one in stream contents
 * (`tag:google.com,2005:reader/item/000000000000001f`, 16 hex digits) and the short one in id lists
 * (`31`, a signed 64-bit decimal). Articles keep the 16 hex digits, so both forms land on one row. Services whose ids
 * are not 64-bit numbers (The Old Reader's are 24 hex digits) keep theirs as they are.
 */
const LONG_PREFIX = 'tag:google.com,2005:reader/item/';

export function itemIdFromLong(id: string): string {
  return id.startsWith(LONG_PREFIX) ? id.slice(LONG_PREFIX.length) : id;
}

export function itemIdFromShort(id: string): string {
  if (!/^-?\d{1,20}$/.test(id)) return id;
  return BigInt.asUintN(64, BigInt(id)).toString(16).padStart(16, '0');
}

/** The long form, which every server accepts in edit-tag and items/contents. */
export function longItemId(itemId: string): string {
  return LONG_PREFIX + itemId;
}
