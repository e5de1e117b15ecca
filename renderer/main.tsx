/**
 * The window's first script, a few KB: it starts keeping early keys and starts the search Worker (which reads and
 * loads the saved index from disk), then loads the app (start-app.tsx, ~850 KB, preloaded by index.html's
 * modulepreload link so its fetch and compile begin with the page). The index's start then runs beside the app's,
 * not after it: a person can search a few hundred ms after a restart (issue 18).
 */
import './styles/app.css';
import { keepEarlyKeys } from './keyboard/early-keys';
import { DATABASE_NAME } from './library/database-name';
import { startSearchWorkerEarly } from './search/start-search-worker';

keepEarlyKeys();
startSearchWorkerEarly(DATABASE_NAME);
void import('./start-app');
