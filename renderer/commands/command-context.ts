/** What a command handler may use: the library services and the window's state. */
import type { LibraryServices } from '../library/library-context';
import type { AppState } from '../state/app-context';

export type CommandContext = LibraryServices & AppState;
