/**
 * The fault-injecting feed server and its fixtures (see server.ts for the API and the built-in paths).
 * Also re-exported by ../feed-server.ts: whichever of the file or this folder a loader resolves
 * `tests/support/feed-server` to (vite picks the file, tsx the folder), the API is the same.
 */
export * from './server';
