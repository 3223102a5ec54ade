import nock from "nock";

/**
 * A ConnectWise PSA behind nock, answering from an in-memory model in the vendor's payload shapes
 * (shared/psa/vendor-apis.md §1.4). Tests change the model to simulate edits in the PSA, switch `mode`
 * to make it fail or stall, and read `calls` to count what reached the PSA.
 */
export const CW_SITE = "api-na.cw.test";
export const CW_BASE = `https://${CW_SITE}`;
const API = "/v4_6_release/apis/3.0";

export const connectwiseSettings = {
  site: CW_SITE,
  companyId: "northwind",
  publicKey: "pub-key",
  privateKey: "priv-key",
  clientId: "0f6a6a0a-3b1e-4c55-9a5e-2d4a8c0f1e11",
};

export interface FakeContact { id: number; first: string; last: string; emails: string[]; companyId: number | null; inactive?: boolean }
export interface FakeCompany { id: number; name: string; deleted?: boolean; website?: string }
export interface FakePhase { id: number; name: string; start: string; end: string; state: "done" | "in_progress" | "not_started"; milestone?: boolean }
export interface FakeProject { id: number; companyId: number; name: string; budget: number; closed?: boolean; status?: string; phase?: string; end?: string; phases?: FakePhase[] }

export interface FakePsa {
  contacts: FakeContact[];
  companies: FakeCompany[];
  projects: FakeProject[];
  mode: "up" | "down" | "stalled";
  calls: { contacts: number; company: number; projects: number; details: number; total: number };
  /** Every lookup by what it asked for ("contacts:jane@acme.com", "projects:250"), so a test can count only its own. */
  asked: string[];
  /** While set, every request waits for it: a test holds the PSA mid-call until it has seen what it needs. */
  hold: Promise<void> | null;
  stop(): void;
}

const info = { lastUpdated: "2026-11-01T10:00:00Z" };

function contactPayload(c: FakeContact, companies: FakeCompany[]) {
  const company = companies.find((co) => co.id === c.companyId);
  return {
    id: c.id,
    firstName: c.first,
    lastName: c.last,
    company: company ? { id: company.id, identifier: `C${company.id}`, name: company.name, _info: {} } : null,
    inactiveFlag: c.inactive ?? false,
    communicationItems: c.emails.map((value, i) => ({ id: c.id * 10 + i, type: { id: 1, name: "Email" }, value, defaultFlag: i === 0, communicationType: "Email" })),
    _info: info,
  };
}

export function startFakeConnectwise(): FakePsa {
  const psa: FakePsa = { contacts: [], companies: [], projects: [], mode: "up", calls: { contacts: 0, company: 0, projects: 0, details: 0, total: 0 }, asked: [], hold: null, stop: () => nock.cleanAll() };
  const gate = (kind: keyof FakePsa["calls"]) => {
    psa.calls[kind]++;
    psa.calls.total++;
    if (psa.mode === "down") return [503, { code: "ConnectWiseApi", message: "Service unavailable" }] as const;
    return null;
  };
  const scope = nock(CW_BASE).persist();
  scope.get(`${API}/company/contacts`).query(true).reply(async (uri) => {
    const failed = gate("contacts");
    if (psa.hold) await psa.hold;
    // A stalled PSA answers long after any page's time budget and after the call's own timeout (tests set both
    // far below this), so a slow, loaded machine cannot make a stalled answer arrive in time.
    if (psa.mode === "stalled") await new Promise((resolve) => setTimeout(resolve, 6_000));
    if (failed) return failed;
    const conditions = new URL(uri, CW_BASE).searchParams.get("childConditions");
    const wanted = conditions === null ? null : /communicationItems\/value="([^"]*)"/.exec(conditions)?.[1]?.toLowerCase();
    // Without childConditions this is the full listing the sync pages through (one page here).
    psa.asked.push(`contacts:${wanted ?? "*"}`);
    const matches = wanted === null ? psa.contacts : psa.contacts.filter((c) => c.emails.some((e) => e.toLowerCase() === wanted));
    return [200, matches.map((c) => contactPayload(c, psa.companies))];
  });
  scope.get(`${API}/company/companies`).query(true).reply(async () => {
    const failed = gate("company");
    if (failed) return failed;
    return [200, psa.companies.map((c) => ({ id: c.id, identifier: `C${c.id}`, name: c.name, status: { id: 1, name: "Active" }, deletedFlag: c.deleted ?? false, website: c.website ?? null, _info: info }))];
  });
  // The company status table (CompanyStatus.inactiveFlag): the connector reads it to apply inactive statuses.
  scope.get(`${API}/company/companies/statuses`).query(true).reply(200, [{ id: 1, name: "Active", inactiveFlag: false }]);
  scope.get(new RegExp(`^${API}/company/companies/\\d+(\\?.*)?$`)).reply(async (uri) => {
    const failed = gate("company");
    if (failed) return failed;
    const id = Number(new URL(uri, CW_BASE).pathname.split("/").pop());
    const company = psa.companies.find((c) => c.id === id);
    if (!company) return [404, { code: "NotFound", message: `Company ${id} not found` }];
    return [200, { id, identifier: `C${id}`, name: company.name, status: { id: 1, name: "Active" }, deletedFlag: company.deleted ?? false, website: company.website ?? null, _info: info }];
  });
  scope.get(`${API}/project/projects`).query(true).reply(async (uri) => {
    const failed = gate("projects");
    if (failed) return failed;
    const conditions = new URL(uri, CW_BASE).searchParams.get("conditions") ?? "";
    const companyId = /company\/id=(\d+)/.exec(conditions)?.[1];
    psa.asked.push(`projects:${companyId ?? "*"}`);
    const rows = companyId === undefined ? psa.projects : psa.projects.filter((p) => p.companyId === Number(companyId));
    return [
      200,
      rows.map((p) => ({
        id: p.id,
        name: p.name,
        company: { id: p.companyId, identifier: `C${p.companyId}`, name: "", _info: {} },
        status: { id: 1, name: p.status ?? (p.closed ? "Closed" : "In Progress") },
        closedFlag: p.closed ?? false,
        manager: { id: 7, identifier: "rlee", name: "Rachel Lee" },
        estimatedStart: "2026-01-05T00:00:00Z",
        estimatedEnd: p.end ?? "2027-12-17T00:00:00Z",
        budgetHours: 400,
        actualHours: 150,
        estimatedHours: null,
        billingAmount: p.budget,
        percentComplete: 40,
        description: `${p.name} description`,
        _info: info,
      })),
    ];
  });
  // A project's phases (ProjectPhase) and its manager (Member 7): what a project's own page reads.
  scope.get(new RegExp(`^${API}/project/projects/\\d+/phases(\\?.*)?$`)).reply(async (uri) => {
    const failed = gate("details");
    if (failed) return failed;
    const id = Number(/projects\/(\d+)\/phases/.exec(uri)?.[1]);
    psa.asked.push(`phases:${id}`);
    const phases = psa.projects.find((p) => p.id === id)?.phases ?? [];
    return [200, phases.map((phase) => phasePayload(id, phase))];
  });
  scope.get(new RegExp(`^${API}/system/members/7(\\?.*)?$`)).reply(async () => {
    const failed = gate("details");
    if (failed) return failed;
    return [200, { id: 7, identifier: "rlee", firstName: "Rachel", lastName: "Lee", officeEmail: "rachel.lee@northwind.example", officePhone: "+1 555 010 0142", _info: info }];
  });
  return psa;
}

function phasePayload(projectId: number, phase: FakePhase) {
  const started = phase.state !== "not_started";
  return {
    id: phase.id,
    projectId,
    description: phase.name,
    status: { id: 1, name: phase.state === "done" ? "Complete" : "Open" },
    markAsMilestoneFlag: phase.milestone ?? false,
    scheduledStart: phase.start,
    scheduledEnd: phase.end,
    actualStart: started ? phase.start : null,
    actualEnd: phase.state === "done" ? phase.end : null,
    _info: info,
  };
}
