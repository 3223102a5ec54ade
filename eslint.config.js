// ESLint flat config: typescript-eslint's recommended rules, no `any`, and the architecture's lines:
// - connectors/ stays independent of the gateway (no src/, Prisma, Redis or Express inside a connector);
// - src/ is cut by feature (README "Layout"): eslint-plugin-boundaries keeps platform/ below every feature,
//   keeps features out of each other's adapters (html/, api/, cli/), and keeps use-cases free of Express;
// - files and functions in src/ stay small enough to read (300 and 80 lines, blank lines and comments aside);
// - accounts change only through src/accounts/ (change-account.ts), which tells their sessions.
const tseslint = require("typescript-eslint");
const js = require("@eslint/js");
const boundaries = require("eslint-plugin-boundaries");

/** Where a file sits in src/: the shared platform, or a feature's adapters, use-cases or other modules. */
const elements = [
  { type: "generated", pattern: "src/generated" },
  { type: "platform", pattern: "src/platform" },
  { type: "adapter", pattern: "src/*/(html|api|cli)", capture: ["feature", "adapter"] },
  { type: "use-case", pattern: "src/*/use-cases", capture: ["feature"] },
  { type: "feature", pattern: "src/*", capture: ["feature"] },
];

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
    // The start script is plain CommonJS: it runs before anything is compiled (scripts/start.js).
    files: ["scripts/**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: require("globals").node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
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
  {
    files: ["src/**/*.ts"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { node: { extensions: [".ts", ".d.ts", ".js"] } },
      "boundaries/legacy-templates": false,
      "boundaries/files": [{ category: "app", pattern: "src/*.ts" }],
      "boundaries/elements": elements,
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "allow",
          policies: [
            {
              from: { element: { type: "platform" } },
              disallow: { to: [{ element: { type: ["adapter", "use-case", "feature"] } }, { file: { categories: "app" } }] },
              message: "platform/ is what every feature stands on: it imports no feature (pass what it needs as arguments).",
            },
            {
              from: { element: { type: ["adapter", "use-case", "feature"] } },
              disallow: { to: { element: { type: "adapter", captured: { feature: "!{{ from.element.captured.feature }}" } } } },
              message: "A feature never imports another feature's handlers (html/, api/, cli/): move what both need into a use-case or a module beside them.",
            },
            {
              from: { element: { type: "use-case" } },
              disallow: { to: { element: { type: "adapter" } } },
              message: "Use-cases are request-free: no handlers. Take plain input and return a result with a catalogue code.",
            },
          ],
        },
      ],
      "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // An account row written anywhere else would not bump its session version, so an open session on Redis could
    // keep serving the old row (a disabled client still signed in): every change goes through src/accounts/.
    files: ["src/**/*.ts", "config/**/*.ts", "scripts/**/*.ts"],
    ignores: ["src/accounts/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression > MemberExpression.callee[property.name=/^(update|updateMany|upsert|delete|deleteMany)$/][object.property.name=/^(portalAccount|staffAccount)$/]",
          message: "Change accounts through a use-case in src/accounts/ (changeAccounts): it ends or refreshes their open sessions.",
        },
        {
          selector: "TemplateElement[value.raw=/(UPDATE|DELETE FROM)\\s+\"?(PortalAccount|StaffAccount)/i], Literal[value=/(UPDATE|DELETE FROM)\\s+\"?(PortalAccount|StaffAccount)/i]",
          message: "Change accounts through a use-case in src/accounts/ (changeAccounts): it ends or refreshes their open sessions.",
        },
      ],
    },
  },
  {
    // Use-cases never see a request: what they need arrives as plain input (boundaries/dependencies keeps
    // them out of handlers; this keeps them off Express, its session and passport).
    files: ["src/*/use-cases/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: ["express", "express-session", "passport"].map((name) => ({ name, message: "Use-cases are request-free: take plain input, return a result with a catalogue code." })) },
      ],
    },
  },
);
