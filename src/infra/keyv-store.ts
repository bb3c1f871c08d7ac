/** @module Kept so that imports of the old keyv adapter's path keep working: the store lives in ./store/. */
export { DEFAULT_STORE, openStore, storeLabel, StoreOpenError } from './store/open.ts';
