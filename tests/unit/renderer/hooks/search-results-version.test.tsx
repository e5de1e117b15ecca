// @vitest-environment jsdom
/**
 * A search is asked again when the library changes (its version), but not when the library's state first loads: that
 * loading changes nothing in the library, and at start-up the re-ask dropped the answer on its way.
 */
import 'fake-indexeddb/auto';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { BroadsheetDb } from '../../../../shared/db';
import { useSearchResults } from '../../../../renderer/hooks/use-search-results';
import type { LibraryServices } from '../../../../renderer/library/library-context';
import { LibraryContext } from '../../../../renderer/library/library-context';
import type { SearchOutcome } from '../../../../renderer/search/search-client';
import { searchStandIn, until } from '../support/mount-panes';

function Results({ version }: { version: number | null }) {
  const results = useSearchResults('har', [], [], version);
  return <p>{results.loaded ? `${results.count} results` : 'asking'}</p>;
}

describe('search results and the library version', () => {
  it('keeps the question out when the library state loads, asks again when the library changes', async () => {
    const asked: Array<(outcome: SearchOutcome) => void> = [];
    const search = searchStandIn((query) => new Promise<SearchOutcome>((resolve) => query === 'har' && asked.push(resolve)), 3);
    const services = { db: new BroadsheetDb({ name: 'search-version' }), search } as unknown as LibraryServices;
    const container = document.createElement('div');
    const root = createRoot(container);
    const show = (version: number | null) =>
      act(async () => root.render(<LibraryContext.Provider value={services}><Results version={version} /></LibraryContext.Provider>));
    const answer = (k: number) => act(async () => asked[k]?.({ status: 'ok', hits: [], rows: [], matched: 0, tookMs: 1 }));
    try {
      await show(null);
      await until(() => asked.length === 1);
      await show(40);
      await answer(0);
      await until(() => container.textContent === '0 results');
      expect(asked).toHaveLength(1);
      await show(41);
      await until(() => asked.length === 2);
    } finally {
      act(() => root.unmount());
    }
  });
});
