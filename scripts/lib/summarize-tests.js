// Adds up Jest's and Playwright's JSON reports (and .ci/run's checks) into the closing line
// "N passed, N failed". A missing report counts as a failure: a suite that never ran has not
// passed.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
const read = name => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  } catch {
    return undefined;
  }
};

const parts = [];
const jest = read('jest.json');
parts.push(
  jest
    ? {
        name: 'jest',
        passed: jest.numPassedTests,
        failed: jest.numFailedTests + jest.numRuntimeErrorTestSuites,
      }
    : { name: 'jest', passed: 0, failed: 1, note: 'no report' },
);
const e2e = read('e2e.json');
parts.push(
  e2e
    ? {
        name: 'e2e',
        passed: e2e.stats.expected + e2e.stats.flaky,
        failed: e2e.stats.unexpected,
      }
    : { name: 'e2e', passed: 0, failed: 1, note: 'no report' },
);
const checks = read('checks.json');
if (checks) {
  const values = Object.values(checks);
  parts.push({
    name: 'checks',
    passed: values.filter(Boolean).length,
    failed: values.filter(v => !v).length,
  });
}

for (const part of parts) {
  console.log(
    `${part.name}: ${part.passed} passed, ${part.failed} failed${
      part.note ? ` (${part.note})` : ''
    }`,
  );
}
const passed = parts.reduce((sum, part) => sum + part.passed, 0);
const failed = parts.reduce((sum, part) => sum + part.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
