/**
 * The search Worker: one index off the UI thread. Vite bundles it from
 * `new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' })`.
 * Search behaviour lives in shared/search/worker-handler.ts; keeping the index in step with the library lives in
 * library-indexer.ts; this file only wires them to the Worker's messages.
 */
import { APP_BODY_TOKENS, createSearchWorkerHandler } from '../../shared/search/worker-handler';
import { createLibraryIndexer } from './library-indexer';
import type { LibraryIndexRequest, LibraryIndexResponse } from './library-protocol';
import { isLibraryRequest } from './library-protocol';

const handle = createSearchWorkerHandler({ bodyTokens: APP_BODY_TOKENS });
const indexer = createLibraryIndexer(handle);
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

async function handleLibrary(request: LibraryIndexRequest): Promise<LibraryIndexResponse> {
  const started = performance.now();
  switch (request.type) {
    case 'open-library': {
      const result = await indexer.open(request.dbName);
      return { type: 'library-ready', requestId: request.requestId, ...result, ms: Math.round(performance.now() - started) };
    }
    case 'index-articles':
      return { type: 'indexed', requestId: request.requestId, size: await indexer.index(request.ids) };
    case 'forget-articles':
      return { type: 'indexed', requestId: request.requestId, size: indexer.forget(request.ids) };
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (isLibraryRequest(message)) {
    void handleLibrary(message).then(
      (response) => scope.postMessage(response),
      (error: unknown) =>
        scope.postMessage({ type: 'error', requestId: message.requestId, message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  const { response, transfer } = handle(message);
  scope.postMessage(response, transfer);
};
