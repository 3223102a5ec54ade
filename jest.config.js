/** Jest runs every *.test.ts under test/ through ts-jest (TypeScript 5, CommonJS). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Browser tests need Chromium (apt), so they run by `npm run test:e2e`, not by `npm test`; the security and fault
  // suites are long and run by `npm run test:security` and `npm run test:faults` (SUITE names the one to run).
  testPathIgnorePatterns: ["/node_modules/", ...["e2e", "security", "faults"].filter((suite) => !(suite === "e2e" ? process.env.E2E : process.env.SUITE === suite)).map((suite) => `/test/${suite}/`)],
  transform: { "^.+\\.ts$": ["ts-jest", {}] },
  globalSetup: "<rootDir>/test/helpers/global-setup.ts",
  setupFiles: ["<rootDir>/test/helpers/env.ts"],
  testTimeout: 30000,
  // With one worker (2 cores) Jest would run every file in its own process, and with 110+ files that process ran
  // out of heap (4 GB) in CI. A worker past this size after a file is replaced, so memory stays bounded.
  workerIdleMemoryLimit: "1GB",
  // nock keeps module-level objects alive between files; jest 30 would warn on each one.
  testEnvironmentOptions: { globalsCleanup: "off" },
};
