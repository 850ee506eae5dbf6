// The store's public surface: the contracts, and opening one.

export { defaultStorePath, isPostgresUrl, openStore } from './open.js';
export { createStore } from './store.js';
export type * from './types.js';
