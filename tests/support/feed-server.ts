/**
 * Entry point of the fault-injecting feed server: `import { startFeedServer } from '../support/feed-server'`.
 * The server and its documentation live in ./feed-server/server.ts, the bodies it serves in ./feed-server/fixtures.ts.
 */
export * from './feed-server/index';
