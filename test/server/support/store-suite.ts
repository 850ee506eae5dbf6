import { afterAll, beforeAll } from 'vitest';
import type { OpenStoreOptions, Store } from '../../../src/store/types.js';

/** A way to get an empty, migrated store, and the options that open it again (from another process). */
export interface StoreFactory {
  label: string;
  fresh(): Promise<{ store: Store; options: OpenStoreOptions }>;
}

export interface SuiteContext {
  store: Store;
  options: OpenStoreOptions;
}

/** One empty store per describe block, closed after it. */
export function useStore(factory: StoreFactory): SuiteContext {
  const context = {} as SuiteContext;
  beforeAll(async () => {
    Object.assign(context, await factory.fresh());
  });
  afterAll(async () => {
    await context.store?.close();
  });
  return context;
}

let counter = 0;
/** Names unique within a run (slugs, emails). */
export const unique = (prefix: string): string => `${prefix}-${++counter}-${process.pid}`;

/** Expects an AppError with this code. */
export async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    const actual = (error as { code?: string }).code;
    if (actual !== code) throw new Error(`expected ${code}, got ${actual}: ${(error as Error).message}`);
    return;
  }
  throw new Error(`expected ${code}, but it succeeded`);
}
