import fs from "node:fs";
import path from "node:path";
import { configSchema } from "../../config";
import { errorCatalogue } from "../../src/platform/errors";
import { signInReasons } from "../../src/sign-in/sign-in-reasons";
import { adminApiEndpoints } from "../../src/admin-api";
import { operatorCommands } from "../../src/commands";

// The README's tables are documentation people rely on: these tests fail when code and README drift apart.
const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

/** Rows of the markdown table that follows a heading, as arrays of cell texts (backticks removed). */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(heading);
  if (start < 0) throw new Error(`README has no "${heading}"`);
  const lines = readme.slice(start).split("\n");
  const first = lines.findIndex((line) => line.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.split("|").slice(1, -1).map((cell) => cell.trim().replace(/`/g, "")));
  }
  return rows;
}

test("the README's error table lists every error code with its status, title and message, and nothing else", () => {
  const rows = tableAfter("## Errors");
  const fromCode = Object.entries(errorCatalogue).map(([code, { status, title, message }]) => [code, String(status), title, message]);
  expect(rows.sort()).toEqual(fromCode.sort());
});

test("the README's configuration table lists every setting", () => {
  const documented = tableAfter("## Configuration").map((row) => row[0]);
  expect(documented.sort()).toEqual(Object.keys(configSchema.shape).sort());
});

test("the README lists every sign-in reason code", () => {
  for (const reason of Object.keys(signInReasons)) expect(readme).toContain(`\`${reason}\``);
});

test("the README's admin API table lists every endpoint, and nothing else", () => {
  const documented = tableAfter("## Admin API").map((row) => (row[0] ?? "").replace(/\?.*$/, ""));
  const fromCode = adminApiEndpoints.map((endpoint) => `${endpoint.method.toUpperCase()} ${endpoint.path}`);
  expect(documented.sort()).toEqual(fromCode.sort());
});

test("the README's CLI section names every operator command", () => {
  const section = readme.slice(readme.indexOf("## Operators: the CLI"), readme.indexOf("## Admin API"));
  for (const command of operatorCommands) expect(section).toContain(`\`${command.name.join(" ")}`);
});
