// Sums every package's vitest JSON report into the closing line CI reads.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const status = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
for (const report of findReports(".")) {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A test file that fails to load has no tests but must still count as a failure.
  failed += json.testResults.filter(
    (file) => file.status === "failed" && file.assertionResults.length === 0,
  ).length;
}
if (status !== 0 && failed === 0) {
  console.log(
    "the test command failed outside the test files (install, typecheck or lint): counted as 1 failure",
  );
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);

function* findReports(dir) {
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === ".git") continue;
    const path = join(dir, entry);
    if (entry === ".test-results") {
      const report = join(path, "vitest.json");
      if (statSync(report, { throwIfNoEntry: false })) yield report;
    } else if (statSync(path).isDirectory()) {
      yield* findReports(path);
    }
  }
}
