/**
 * Object URLs for stored images, keyed by the image's web URL. The same stored row keeps its object URL across
 * re-renders (so the reader frame is not reloaded when a live query re-runs); URLs no longer shown are revoked,
 * and all of them when the reader goes away.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { ImageRow } from '../../shared/db';

interface Entry {
  storedAt: number;
  bytes: number;
  objectUrl: string;
}

const noImages: ReadonlyMap<string, string> = new Map();

export function useObjectUrls(rows: readonly ImageRow[] | undefined): ReadonlyMap<string, string> {
  const cache = useRef(new Map<string, Entry>());
  const pendingRevoke = useRef<ReturnType<typeof setTimeout> | null>(null);

  const urls = useMemo(() => {
    if (!rows || rows.length === 0) return noImages;
    const map = new Map<string, string>();
    for (const row of rows) {
      let entry = cache.current.get(row.url);
      if (!entry || entry.storedAt !== row.storedAt || entry.bytes !== row.bytes) {
        entry = { storedAt: row.storedAt, bytes: row.bytes, objectUrl: URL.createObjectURL(row.blob) };
        cache.current.set(row.url, entry);
      }
      map.set(row.url, entry.objectUrl);
    }
    return map;
  }, [rows]);

  useEffect(() => {
    for (const [url, entry] of cache.current) {
      if (urls.get(url) !== entry.objectUrl) {
        URL.revokeObjectURL(entry.objectUrl);
        cache.current.delete(url);
      }
    }
  }, [urls]);

  useEffect(() => {
    // Deferred, so React's StrictMode unmount/remount in development does not revoke URLs still in use.
    if (pendingRevoke.current !== null) clearTimeout(pendingRevoke.current);
    const entries = cache.current;
    return () => {
      pendingRevoke.current = setTimeout(() => {
        for (const entry of entries.values()) URL.revokeObjectURL(entry.objectUrl);
        entries.clear();
      }, 0);
    };
  }, []);

  return urls;
}
