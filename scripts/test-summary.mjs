// Prints vitest's JSON result as the one line CI reads: "N passed, N failed".
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.test-results/vitest.json';
let result;
try {
  result = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`test results unreadable (${file}): ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const failedSuites = (result.testResults ?? []).filter(
  (s) => s.status === 'failed' && s.assertionResults.length === 0,
);
for (const suite of failedSuites)
  console.log(`suite failed to run: ${suite.name}: ${(suite.message ?? '').split('\n')[0]}`);
const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
if (skipped > 0) console.log(`${skipped} skipped`);
const failed = result.numFailedTests + failedSuites.length;
console.log(`${result.numPassedTests} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
