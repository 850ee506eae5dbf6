// Worker entry for tests: installs the TypeScript hooks in this thread, then runs the analytics shard
// worker from its sources.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
await import('../../src/analytics/shard/worker.ts');
