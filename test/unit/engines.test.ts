import fs from "node:fs";
import path from "node:path";
import semver from "semver";

// The Node versions the project says it runs on (package.json's engines, repeated in the README) must be ones
// every installed package supports: connect-redis 10 declared Node >= 22 while the project declared >= 20 and
// ran on 20. Checked against the lock file, so a dependency bump that drops a Node version fails here.
const root = path.resolve(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; optional?: boolean; engines?: Record<string, string> | string[] }>;
};

test("every package in the lock file supports every Node version the project declares", () => {
  const declared = pkg.engines.node;
  const narrower = Object.entries(lock.packages)
    .filter(([where, entry]) => where !== "" && !entry.optional && !Array.isArray(entry.engines) && entry.engines?.node)
    .map(([where, entry]) => ({ name: where.replace(/^.*node_modules\//, ""), version: entry.version, node: (entry.engines as Record<string, string>).node as string }))
    .filter(({ node }) => !semver.subset(declared, node, { includePrerelease: false }));
  expect(narrower).toEqual([]);
});

test("the README states the Node versions package.json declares, and the running Node is one of them", () => {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  expect(readme).toContain(`Node.js \`${pkg.engines.node}\``);
  expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
});
