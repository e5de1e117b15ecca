/**
 * The search Worker: one index off the UI thread. Vite bundles it from
 * `new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module' })`.
 * All behaviour lives in shared/search/worker-handler.ts; this file only wires it to the Worker's messages.
 */
import { createSearchWorkerHandler } from '../../shared/search/worker-handler';

const handle = createSearchWorkerHandler();
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  const { response, transfer } = handle(event.data);
  scope.postMessage(response, transfer);
};
