/**
 * The search Worker: one index off the UI thread. Vite bundles it from
 * `new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' })`.
 * Search behaviour lives in shared/search/worker-handler.ts, latest-wins scheduling in shared/search/latest-search.ts;
 * keeping the index in step with the library lives in library-indexer.ts; this file wires them to the Worker's
 * messages.
 */
import { createLatestSearch } from '../../shared/search/latest-search';
import type { SearchRequest, SearchResponse } from '../../shared/search/protocol';
import { APP_BODY_TOKENS, createSearchWorkerHandler, parseSearchRequest } from '../../shared/search/worker-handler';
import { createLibraryIndexer, type IndexProgress, type LibraryIndexer } from './library-indexer';
import type { IndexProgressMessage, LibraryIndexRequest, LibraryIndexResponse } from './library-protocol';
import { isArticleSource, isIndexRows, isLibraryRequest, isRowsWritten } from './library-protocol';
import { workerDirectory } from './snapshot-store';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

/** A task after the messages already queued: a MessageChannel post, which (unlike setTimeout) is never clamped. */
const tasks = new MessageChannel();
const deferred: (() => void)[] = [];
tasks.port1.onmessage = () => deferred.shift()?.();
const defer = (task: () => void): void => {
  deferred.push(task);
  tasks.port2.postMessage(0);
};

const PROGRESS_EVERY_MS = 200;
let lastProgress = 0;
const postProgress = (progress: IndexProgress): void => {
  const now = performance.now();
  // Phase changes always go out; counts a few times a second (each one makes the search box re-ask).
  if (progress.phase === 'indexing' && progress.indexed < progress.total && now - lastProgress < PROGRESS_EVERY_MS) return;
  lastProgress = now;
  scope.postMessage({ type: 'index-progress', progress } satisfies IndexProgressMessage);
};

const handle = createSearchWorkerHandler({ bodyTokens: APP_BODY_TOKENS });
const yieldToQueue = (): Promise<void> => new Promise((resolve) => defer(resolve));
/** Made by the first open-library message, which may carry the slice size. */
let indexer: LibraryIndexer | null = null;
/** Settles when the first open-library has loaded (or built) the index and caught up: new rows are added after it. */
let markOpened: () => void = () => undefined;
const opened = new Promise<void>((resolve) => (markOpened = resolve));

type Search = Extract<SearchRequest, { type: 'search' }>;

const search = createLatestSearch<Search, SearchResponse>({
  async run(request, isStale) {
    const { response } = handle(request);
    if (response.type !== 'hits' || !request.pageRows) return response;
    if (isStale()) return null;
    const ids = response.hits.slice(0, request.pageRows).map((hit) => hit.id);
    const started = performance.now();
    try {
      const rows = indexer ? await indexer.rows(ids) : [];
      return isStale() ? null : { ...response, rows, rowsMs: performance.now() - started };
    } catch (error) {
      return { type: 'error', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) };
    }
  },
  post: (response) => scope.postMessage(response),
  defer,
});

async function handleLibrary(request: LibraryIndexRequest): Promise<LibraryIndexResponse> {
  const started = performance.now();
  switch (request.type) {
    case 'open-library': {
      indexer ??= createLibraryIndexer(handle, undefined, {
        yieldToQueue,
        onProgress: postProgress,
        sliceDocs: request.sliceDocs,
        snapshotDirectory: workerDirectory,
      });
      const result = await indexer.open(request.dbName).finally(markOpened);
      return { type: 'library-ready', requestId: request.requestId, ...result, ms: Math.round(performance.now() - started) };
    }
    case 'index-articles':
      return { type: 'indexed', requestId: request.requestId, size: indexer ? await indexer.index(request.ids) : 0 };
    case 'forget-articles':
      return { type: 'indexed', requestId: request.requestId, size: indexer ? indexer.forget(request.ids) : 0 };
  }
}

/** New articles from the sync worker, with their rows (library-protocol.ts ArticleSourceMessage). */
function takeArticlesFrom(port: MessagePort): void {
  port.onmessage = (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isIndexRows(message)) return;
    void opened.then(() => indexer?.indexRows(message.articles)).catch(() => undefined);
  };
}

scope.onmessage = (event) => {
  const message = event.data;
  if (isArticleSource(message)) {
    if (event.ports[0]) takeArticlesFrom(event.ports[0]);
    return;
  }
  if (isRowsWritten(message)) {
    // Dropped now, before the searches queued behind it run.
    indexer?.written(message.parts);
    return;
  }
  if (isLibraryRequest(message)) {
    void handleLibrary(message).then(
      (response) => scope.postMessage(response),
      (error: unknown) =>
        scope.postMessage({ type: 'error', requestId: message.requestId, message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  const request = parseSearchRequest(message);
  if (typeof request !== 'string' && request.type === 'search') {
    search(request);
    return;
  }
  const { response, transfer } = handle(message);
  scope.postMessage(response, transfer);
};
