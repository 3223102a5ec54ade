import { readFileSync } from "node:fs";
import path from "node:path";

const FIXTURES = path.resolve(__dirname, "../../../fixtures");

/** A JSON object or array, in the shape nock's reply() accepts. */
export type JsonPayload = Record<string, unknown>;

/** A recorded-shape vendor payload from test/fixtures/psa/<vendor>/<name>.json. */
export function loadPsaFixture(vendor: string, name: string): JsonPayload {
  return JSON.parse(readFileSync(path.join(FIXTURES, "psa", vendor, `${name}.json`), "utf8")) as JsonPayload;
}

/** The normalized records a fixture must produce, from test/fixtures/expected/<vendor>/<name>.json. */
export function loadExpected(vendor: string, name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, "expected", vendor, `${name}.json`), "utf8")) as unknown;
}

/** Dates become ISO strings, as in the expected files. */
export function toPlain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
