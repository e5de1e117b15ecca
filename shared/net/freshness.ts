/**
 * How long the server says the response stays fresh, in whole seconds: Cache-Control max-age, else
 * Expires measured against the server's own Date header (so a skewed local clock does not matter).
 * Undefined when the server says nothing usable or forbids caching.
 */
export function maxAgeSecondsFrom(headers: Headers, now: number): number | undefined {
  const cacheControl = headers.get('cache-control');
  if (cacheControl) {
    const directives = cacheControl.toLowerCase().split(',').map((part) => part.trim());
    if (directives.some((d) => d === 'no-store' || d === 'no-cache')) return undefined;
    for (const directive of directives) {
      const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(directive);
      if (match?.[1]) return Number(match[1]);
    }
  }
  const expires = headers.get('expires');
  if (expires) {
    const expiresAt = Date.parse(expires);
    if (Number.isNaN(expiresAt)) return undefined;
    const serverDate = Date.parse(headers.get('date') ?? '');
    const reference = Number.isNaN(serverDate) ? now : serverDate;
    return Math.max(0, Math.floor((expiresAt - reference) / 1000));
  }
  return undefined;
}
