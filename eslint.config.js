// ESLint flat config: typescript-eslint's recommended rules, no `any`, and the architecture boundary that
// keeps connectors/ independent of the gateway (no src/, Prisma, Redis or Express inside a connector).
const tseslint = require("typescript-eslint");
const js = require("@eslint/js");

module.exports = tseslint.config(
  { ignores: ["node_modules/", "src/generated/", "data/", "coverage/", "dist/", "*.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["connectors/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/src/**", "../src", "../../src", "src/*"], message: "connectors/ must not import from src/: pass what it needs as arguments." },
            { group: ["@prisma/*", "redis", "express", "express-*", "../generated/*"], message: "connectors/ must not depend on Prisma, Redis or Express." },
          ],
        },
      ],
    },
  },
);
