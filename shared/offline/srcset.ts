/** `srcset` parsing and the choice of the one candidate worth storing. */

export interface SrcsetCandidate {
  url: string;
  /** Width descriptor (`640w`). */
  width?: number;
  /** Density descriptor (`2x`); 1 when the candidate has no descriptor. */
  density?: number;
}

/** Candidates in order; URLs may contain commas (only a comma followed by whitespace or at the end ends a URL). */
export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let i = 0;
  const n = srcset.length;
  while (i < n) {
    while (i < n && (/\s/.test(srcset[i] ?? '') || srcset[i] === ',')) i++;
    if (i >= n) break;
    let end = i;
    while (end < n && !/\s/.test(srcset[end] ?? '')) end++;
    let url = srcset.slice(i, end);
    i = end;
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      const comma = srcset.indexOf(',', i);
      const stop = comma === -1 ? n : comma;
      descriptor = srcset.slice(i, stop).trim();
      i = stop + 1;
    }
    if (url === '') continue;
    const candidate: SrcsetCandidate = { url };
    const match = /^(\d+(?:\.\d+)?)([wx])$/i.exec(descriptor.split(/\s+/)[0] ?? '');
    if (match?.[1] && match[2]) {
      if (match[2].toLowerCase() === 'w') candidate.width = Number(match[1]);
      else candidate.density = Number(match[1]);
    } else {
      candidate.density = 1;
    }
    candidates.push(candidate);
  }
  return candidates;
}

/** The reader column is about 700 CSS px wide: twice that covers high-density screens. */
export const TARGET_WIDTH = 1400;
export const TARGET_DENSITY = 2;

/**
 * The candidate to keep offline: the smallest one that is still sharp in the reader (at least TARGET_WIDTH wide,
 * or TARGET_DENSITY), else the largest there is. Width descriptors win over densities when both appear.
 */
export function bestSrcsetCandidate(srcset: string): string | null {
  const candidates = parseSrcset(srcset);
  const widths = candidates.filter((c) => c.width !== undefined).sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
  const pool = widths.length > 0 ? widths : candidates.sort((a, b) => (a.density ?? 1) - (b.density ?? 1));
  if (pool.length === 0) return null;
  const sharp = pool.find((c) => (c.width !== undefined ? c.width >= TARGET_WIDTH : (c.density ?? 1) >= TARGET_DENSITY));
  return (sharp ?? pool[pool.length - 1])?.url ?? null;
}
