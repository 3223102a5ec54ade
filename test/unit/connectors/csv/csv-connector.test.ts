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

describe("the optional phases.csv and project columns", () => {
  const phasesHeader = "external_id,project_external_id,name,start_date,end_date,state,milestone\n";

  it("reports a bad phase or optional cell like any other row: file, line and reason", () => {
    const projects = read(DEMO, "projects").replace("rachel.lee@northwind.example,+1 (555) 010-0142,2026-01-12", "rachel.lee@,+1 (555) 010-0142,2026-01-12").replace(",112500,", ",lots,");
    const phases = `${phasesHeader}PH-1,P-ACME-01,Design,2026-01-12,2026-03-27,halfway,false\nPH-2,P-NOPE,Design,,,done,\nPH-3,P-ACME-01,Permit,,2027-02-26,,perhaps\n`;
    const result = parseCsvPsa({ ...filesIn(DEMO), projects, phases });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { file: "projects.csv", line: 2, reason: "manager_email 'rachel.lee@' is not a valid address" },
      { file: "projects.csv", line: 2, reason: "invoiced must be a number from 0 to 1000000000000, not 'lots'" },
      { file: "phases.csv", line: 2, reason: "state must be done, in progress or not started (or empty), not 'halfway'" },
      { file: "phases.csv", line: 4, reason: "milestone must be true or false, not 'perhaps'" },
      { file: "phases.csv", line: 3, reason: "project 'P-NOPE' is not in projects.csv" },
    ]);
  });

  it("without phases.csv a project has no schedule to show (null), with it a project without rows has none ([])", async () => {
    const without = connect({ files: filesIn(DEMO) });
    expect(expectOk(await without.getProjectDetails({ externalId: "P-ACME-01", managerExternalId: null, manager: "Rachel Lee" })).phases).toBeNull();
    const withFile = connect({ files: { ...filesIn(DEMO), phases: `${phasesHeader}PH-1,P-ACME-02,Design,2026-01-12,2026-03-27,,\n` } });
    const details = expectOk(await withFile.getProjectDetails({ externalId: "P-ACME-01", managerExternalId: null, manager: "Rachel Lee" }));
    expect(details).toEqual({ phases: [], manager: { name: "Rachel Lee", email: "rachel.lee@northwind.example", phone: "+1 (555) 010-0142" } });
    const other = expectOk(await withFile.getProjectDetails({ externalId: "P-ACME-02", managerExternalId: null, manager: "Marcus Chen" }));
    // An empty state is "unknown", an empty milestone cell is not a milestone.
    expect(other.phases).toEqual([{ externalId: "PH-1", name: "Design", startDate: new Date("2026-01-12T00:00:00Z"), endDate: new Date("2026-03-27T00:00:00Z"), state: "unknown", milestone: false }]);
  });

  it("files without the optional columns still load, their values null", async () => {
    const projects = "external_id,company_external_id,name,status,phase,manager,start_date,end_date,budget,percent_complete,description,active,updated_at\nP1,ACME,Fit-out,In Progress,Design,Ana,2026-01-01,2026-06-30,90000,10,Interior,true,\n";
    const companies = "external_id,name,active\nACME,Acme Corp,true\nBEACON,Beacon Builders,true\nCOBALT,Cobalt Civil,true\nDELTA,Delta Dental Offices,true\n";
    const connector = connect({ files: { ...filesIn(DEMO), companies, projects } });
    expect(expectOk(await connector.listCompanyProjects("ACME"))[0]).toMatchObject({ invoiced: null, hoursBudget: null, hoursUsed: null, manager: "Ana" });
    expect(expectOk(await connector.getCompany("ACME"))?.domains).toEqual([]);
    expect(expectOk(await connector.getProjectDetails({ externalId: "P1", managerExternalId: null, manager: "Ana" })).manager).toEqual({ name: "Ana", email: null, phone: null });
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
      // phases.csv is optional in a folder too, and read once it appears.
      expect(expectOk(await connector.getProjectDetails({ externalId: "P-ACME-01", managerExternalId: null, manager: null })).phases).toBeNull();
      copyFileSync(path.join(DEMO, "phases.csv"), path.join(dir, "phases.csv"));
      expect(expectOk(await connector.getProjectDetails({ externalId: "P-ACME-01", managerExternalId: null, manager: null })).phases).toHaveLength(5);

      writeFileSync(path.join(dir, "contacts.csv"), `${read(DEMO, "contacts")}C-9001,New,Person,new@acme.com,ACME,true,2025-06-01\n`);
      const later = new Date(Date.now() + 5_000);
      utimesSync(path.join(dir, "contacts.csv"), later, later);
      expect(expectOk(await connector.findContactsByEmail("new@acme.com"))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
