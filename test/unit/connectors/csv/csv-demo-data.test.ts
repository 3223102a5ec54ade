import path from "node:path";
import { createConnector } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectOk } from "../support/expect-result";
import { makeTestDeps } from "../support/test-deps";

const DEMO = path.resolve(__dirname, "../../../../config/demo-psa");

function makeDemoConnector(): PsaConnector {
  return expectOk(createConnector("csv", { directory: DEMO }, makeTestDeps().deps));
}

describe("the demo firm's PSA (config/demo-psa through the CSV connector)", () => {
  it("loads without errors", async () => {
    expect(expectOk(await makeDemoConnector().verifyConnection()).description).toBe("Read 4 companies, 6 contacts and 10 projects from the CSV files.");
  });

  it("has Jane and Omar at Acme Corp, Carl at Beacon Builders", async () => {
    const connector = makeDemoConnector();
    const [jane] = expectOk(await connector.findContactsByEmail("Jane@Acme.com"));
    const [omar] = expectOk(await connector.findContactsByEmail("omar@acme.com"));
    const [carl] = expectOk(await connector.findContactsByEmail("carl@beaconbuilders.com"));

    expect(jane).toMatchObject({ firstName: "Jane", lastName: "Smith", companyExternalIds: ["ACME"], active: true });
    expect(omar).toMatchObject({ firstName: "Omar", lastName: "Haddad", companyExternalIds: ["ACME"], active: true });
    expect(carl).toMatchObject({ firstName: "Carl", lastName: "Jensen", companyExternalIds: ["BEACON"], active: true });
    expect(expectOk(await connector.getCompany("ACME"))).toEqual({ externalId: "ACME", name: "Acme Corp", active: true, domains: ["acme.com"], updatedAt: null });
    expect(expectOk(await connector.getCompany("BEACON"))?.name).toBe("Beacon Builders");
  });

  it("has Dana in both Cobalt Civil and Beacon Builders, for the company switcher", async () => {
    const connector = makeDemoConnector();
    const [dana] = expectOk(await connector.findContactsByEmail("dana@cobaltcivil.com"));
    expect(dana?.companyExternalIds).toEqual(["COBALT", "BEACON"]);
    expect(expectOk(await connector.getCompany("COBALT"))?.name).toBe("Cobalt Civil");
  });

  it("has an inactive former Acme contact", async () => {
    const [former] = expectOk(await makeDemoConnector().findContactsByEmail("former@acme.com"));
    expect(former).toMatchObject({ companyExternalIds: ["ACME"], active: false });
  });

  it("gives Acme and Beacon 3-4 realistic projects each, with one closed, and Delta none active", async () => {
    const connector = makeDemoConnector();
    for (const company of ["ACME", "BEACON"]) {
      const projects = expectOk(await connector.listCompanyProjects(company));
      expect(projects.length).toBeGreaterThanOrEqual(3);
      expect(projects.length).toBeLessThanOrEqual(4);
      expect(projects.filter((project) => !project.active)).toHaveLength(1);
      for (const project of projects) {
        expect(project).toMatchObject({ status: expect.any(String), phase: expect.any(String), manager: expect.any(String), description: expect.any(String) });
        expect(project.budget).toBeGreaterThan(0);
        expect(project.startDate).toBeInstanceOf(Date);
        expect(project.endDate).toBeInstanceOf(Date);
        expect(project.percentComplete).toEqual(expect.any(Number));
      }
      expect(new Set(projects.map((project) => project.status)).size).toBeGreaterThan(1);
    }
    const [pat] = expectOk(await connector.findContactsByEmail("pat@deltadental.com"));
    expect(pat?.companyExternalIds).toEqual(["DELTA"]);
    expect(expectOk(await connector.getCompany("DELTA"))?.name).toBe("Delta Dental Offices");
    const delta = expectOk(await connector.listCompanyProjects("DELTA"));
    expect(delta.filter((project) => project.active)).toEqual([]);
  });

  it("maps a project row in full", async () => {
    const projects = expectOk(await makeDemoConnector().listCompanyProjects("ACME"));
    expect(JSON.parse(JSON.stringify(projects[0]))).toEqual({
      externalId: "P-ACME-01",
      companyExternalId: "ACME",
      name: "Acme HQ Renovation",
      status: "In Progress",
      phase: "Construction Documents",
      manager: "Rachel Lee",
      managerExternalId: null,
      startDate: "2026-01-12T00:00:00.000Z",
      endDate: "2027-06-18T00:00:00.000Z",
      budget: 250000,
      invoiced: 112500,
      hoursBudget: 1200,
      hoursUsed: 540,
      percentComplete: 45,
      description: "Interior renovation of floors 2-4: open office, a new conference suite and accessible restrooms.",
      active: true,
      updatedAt: "2026-11-30T08:30:00.000Z",
    });
  });

  it("gives a project page its phases (phases.csv) in schedule order, milestones marked, and the manager's contact", async () => {
    const details = expectOk(await makeDemoConnector().getProjectDetails({ externalId: "P-ACME-01", managerExternalId: null, manager: "Rachel Lee" }));
    expect(details.manager).toEqual({ name: "Rachel Lee", email: "rachel.lee@northwind.example", phone: "+1 (555) 010-0142" });
    expect(details.phases?.map((phase) => [phase.name, phase.state, phase.milestone])).toEqual([
      ["Schematic Design", "done", false],
      ["Design Development", "done", false],
      ["Construction Documents", "in_progress", false],
      ["Building permit issued", "not_started", true],
      ["Construction Administration", "not_started", false],
    ]);
  });

  it("has an open project past its end date for Acme and for Beacon (the overdue flag), and companies with their web domains", async () => {
    const connector = makeDemoConnector();
    const demoToday = new Date("2026-12-04T00:00:00Z");
    for (const company of ["ACME", "BEACON"]) {
      const late = expectOk(await connector.listCompanyProjects(company)).filter((project) => project.active && project.endDate && project.endDate < demoToday);
      expect(late.length).toBeGreaterThanOrEqual(1);
    }
    expect(expectOk(await connector.getCompanies(["COBALT", "BEACON"])).map((company) => company.domains)).toEqual([["beaconbuilders.com"], ["cobaltcivil.com"]]);
  });
});
