/** Jest runs every *.test.ts under test/ through ts-jest (TypeScript 5, CommonJS). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", {}] },
  globalSetup: "<rootDir>/test/helpers/global-setup.ts",
  setupFiles: ["<rootDir>/test/helpers/env.ts"],
  testTimeout: 30000,
};
