// Prints one closing line over the jest runs whose JSON results are in test-output/jest-*.json:
// "tests: N passed, N failed, N skipped" (the plain form CI reads; jest's own "Tests:" lines are
// per project). Exits 1 when a run failed or no result file exists, so a run that executed no
// test cannot pass silently.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] ?? 'test-output');
const files = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => /^jest-.*\.json$/.test(f))
      .sort()
  : [];
let passed = 0;
let failed = 0;
let skipped = 0;
let success = files.length > 0;
for (const file of files) {
  const result = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
  skipped += result.numPendingTests + result.numTodoTests;
  success &&= result.success === true;
  console.log(`[tests] ${file.replace(/^jest-|\.json$/g, '')}: ${result.numPassedTests} passed, ${result.numFailedTests} failed`);
}
if (files.length === 0) {
  console.log(`[tests] no jest result in ${dir}`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(success && failed === 0 && passed > 0 ? 0 : 1);
