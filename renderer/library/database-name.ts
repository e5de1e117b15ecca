/** The library's IndexedDB database (bench/support/seed-library.ts names it too, without importing the renderer). */
export const DATABASE_NAME = 'broadsheet';
