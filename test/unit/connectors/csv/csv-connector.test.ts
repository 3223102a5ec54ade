import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseCsvPsa } from "../../../../connectors/csv";
import { createConnector } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectError, expectOk } from "../support/expect-result";
import { loadExpected } from "../support/fixtures";
import { makeTestDeps } from "../support/test-deps";

const DEMO = path.resolve(__dirname, "../../../../config/demo-psa");
const BAD = path.resolve(__dirname, "../../../fixtures/psa/csv/bad");
const read = (dir: string, name: string) => readFileSync(path.join(dir, `${name}.csv`), "utf8");
const filesIn = (dir: string) => ({ companies: read(dir, "companies"), contacts: read(dir, "contacts"), projects: read(dir, "projects") });

function connect(settings: unknown): PsaConnector {
  return expectOk(createConnector("csv", settings, makeTestDeps().deps));
}

describe("parseCsvPsa", () => {
  it("reports every bad row with file, line and reason, and returns no data", () => {
    const result = parseCsvPsa(filesIn(BAD));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(loadExpected("csv", "bad-errors"));
  });

  it("reports a missing column once, on line 1", () => {
    const files = { ...filesIn(DEMO), contacts: "external_id,first_name,last_name,emails,active\nC-1,A,B,a@b.com,true\n" };
    const result = parseCsvPsa(files);
    expect(result).toEqual({ ok: false, errors: [{ file: "contacts.csv", line: 1, reason: "missing column(s) company_external_ids, updated_at" }] });
  });

  it("reports an unclosed quote", () => {
    const files = { ...filesIn(DEMO), companies: 'external_id,name,active\nACME,"Acme Corp,true\n' };
    const result = parseCsvPsa(files);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ file: "companies.csv", reason: expect.stringContaining("Quote Not Closed") });
  });
});

describe("CSV connector", () => {
  it("returns psa_unexpected_payload listing every bad row; never partial data", async () => {
    const error = expectError(await connect({ directory: BAD }).listContacts());
    expect(error.code).toBe("psa_unexpected_payload");
    expect(error.message).toContain("contacts.csv line 7: email 'jane@' is not a valid address");
    expect(error.message).toContain("projects.csv line 3: percent_complete must be a number from 0 to 100, not '140'");
    expect(error.detail).toBe("companies.csv line 3");
  });

  it("works from uploaded text", async () => {
    const connector = connect({ files: filesIn(DEMO) });
    expect(expectOk(await connector.findContactsByEmail("carl@beaconbuilders.com"))).toHaveLength(1);
  });

  it("matches any of a contact's emails exactly, a + included", async () => {
    const files = { ...filesIn(DEMO), contacts: `${read(DEMO, "contacts")}C-9002,Omar,Haddad,Omar+Portal@Acme.com;o.haddad@acme.com,ACME,true,\n` };
    const connector = connect({ files });
    expect(expectOk(await connector.findContactsByEmail("omar+portal@acme.com")).map((contact) => contact.externalId)).toEqual(["C-9002"]);
    expect(expectOk(await connector.findContactsByEmail("O.Haddad@acme.com")).map((contact) => contact.externalId)).toEqual(["C-9002"]);
    expect(expectOk(await connector.findContactsByEmail("omar@acme.com")).map((contact) => contact.externalId)).toEqual(["C-1002"]);
    expect(expectOk(await connector.findContactsByEmail("jsmith@acme.com")).map((contact) => contact.externalId)).toEqual(["C-1001"]);
  });

  it("a folder without the files is misconfigured", async () => {
    expect(expectError(await connect({ directory: path.join(BAD, "nope") }).verifyConnection())).toMatchObject({ code: "psa_misconfigured", detail: "directory" });
  });

  it("pages with a cursor and filters changed-since on updated_at", async () => {
    const connector = connect({ directory: DEMO });
    const first = expectOk(await connector.listContacts({ pageSize: 2 }));
    const second = expectOk(await connector.listContacts({ pageSize: 2, cursor: first.nextCursor }));
    const third = expectOk(await connector.listContacts({ pageSize: 2, cursor: second.nextCursor }));
    expect([first, second, third].flatMap((page) => page.items.map((contact) => contact.externalId))).toEqual(["C-1001", "C-1002", "C-1003", "C-2001", "C-3001", "C-4001"]);
    expect(third.nextCursor).toBeNull();

    const changed = expectOk(await connector.listContacts({ changedSince: new Date("2025-05-01T00:00:00Z") }));
    expect(changed.items.map((contact) => contact.externalId)).toEqual(["C-1001", "C-3001"]);
    expect(connector.capabilities.changedSince).toEqual({ contacts: true, companies: false, projects: true });
  });

  it("re-reads the folder when a file changes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "csv-psa-"));
    try {
      for (const name of ["companies", "contacts", "projects"]) copyFileSync(path.join(DEMO, `${name}.csv`), path.join(dir, `${name}.csv`));
      const connector = connect({ directory: dir });
      expect(expectOk(await connector.findContactsByEmail("new@acme.com"))).toEqual([]);

      writeFileSync(path.join(dir, "contacts.csv"), `${read(DEMO, "contacts")}C-9001,New,Person,new@acme.com,ACME,true,2025-06-01\n`);
      const later = new Date(Date.now() + 5_000);
      utimesSync(path.join(dir, "contacts.csv"), later, later);
      expect(expectOk(await connector.findContactsByEmail("new@acme.com"))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
