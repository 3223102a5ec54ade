import nock from "nock";

/**
 * A ConnectWise PSA behind nock, answering from an in-memory model in the vendor's payload shapes
 * (docs/reference/vendor-apis.md §1.4). Tests change the model to simulate edits in the PSA, switch `mode`
 * to make it fail or stall, and read `calls` to count what reached the PSA. Listings page like the vendor's
 * (pageSize/page, the next page in a Link header, Developer Guide "Pagination"), ordered by id, and honour
 * `conditions=lastUpdated>=[...]` (Developer Guide "Conditions"), so a sync can be followed page by page.
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

/** `updatedAt` is the record's _info.lastUpdated (ISO); unset, a fixed date in the past. */
export interface FakeContact { id: number; first: string; last: string; emails: string[]; companyId: number | null; inactive?: boolean; updatedAt?: string }
export interface FakeCompany { id: number; name: string; deleted?: boolean; website?: string; updatedAt?: string }
export interface FakePhase { id: number; name: string; start: string; end: string; state: "done" | "in_progress" | "not_started"; milestone?: boolean }
export interface FakeProject { id: number; companyId: number; name: string; budget: number; closed?: boolean; status?: string; phase?: string; end?: string; phases?: FakePhase[]; updatedAt?: string }

type Listing = "contacts" | "companies" | "projects";

/** A fault on one page of one listing: a 503 outage, a 429 with Retry-After, or a body that is not the vendor's shape. */
export interface PageFault {
  listing: Listing;
  page: number;
  reply: "503" | "429" | "malformed";
  /** How many times the fault answers before the page works again (default: always). */
  times?: number;
  /** A 429's Retry-After, in seconds (default 1). */
  retryAfterSeconds?: number;
}

export interface FakePsa {
  contacts: FakeContact[];
  companies: FakeCompany[];
  projects: FakeProject[];
  /** up; down (every request a 503); stalled (contact lookups answer only when the test ends); throttled (every request a 429, Retry-After 1 s). */
  mode: "up" | "down" | "stalled" | "throttled";
  calls: { contacts: number; company: number; projects: number; details: number; total: number };
  /** Every lookup by what it asked for ("contacts:jane@acme.com", "companies:250,251", "projects:250"), so a test can count only its own. */
  asked: string[];
  /** Every listing page served, as "contacts:2" (a listing's page 2), "contacts:1>2026-11-01T10:00:00Z" (changed since). */
  pages: string[];
  /** While set, every request waits for it: a test holds the PSA mid-call until it has seen what it needs. */
  hold: Promise<void> | null;
  /** While set, the next request for the listing page it names waits for it (then it is cleared). */
  holdPage: { listing: Listing; page: number; until: Promise<void> } | null;
  faults: PageFault[];
  /** Full listings (no conditions) answer an empty list: a PSA that suddenly returns nothing. */
  emptyListings: boolean;
  stop(): void;
}

const DEFAULT_UPDATED = "2026-11-01T10:00:00Z";
const info = (updatedAt?: string) => ({ lastUpdated: updatedAt ?? DEFAULT_UPDATED });

/** The two client companies several tests share, one project each: Acme Corp (250) and Beacon Builders (251). */
export function addAcmeAndBeacon(psa: FakePsa): void {
  psa.companies.push({ id: 250, name: "Acme Corp" }, { id: 251, name: "Beacon Builders" });
  psa.projects.push({ id: 9001, companyId: 250, name: "Acme HQ Renovation", budget: 250000 }, { id: 9101, companyId: 251, name: "Beacon Yard", budget: 940000 });
}

function contactPayload(c: FakeContact, companies: FakeCompany[]) {
  const company = companies.find((co) => co.id === c.companyId);
  return {
    id: c.id,
    firstName: c.first,
    lastName: c.last,
    company: company ? { id: company.id, identifier: `C${company.id}`, name: company.name, _info: {} } : null,
    inactiveFlag: c.inactive ?? false,
    communicationItems: c.emails.map((value, i) => ({ id: c.id * 10 + i, type: { id: 1, name: "Email" }, value, defaultFlag: i === 0, communicationType: "Email" })),
    _info: info(c.updatedAt),
  };
}

const companyPayload = (c: FakeCompany) => ({
  id: c.id,
  identifier: `C${c.id}`,
  name: c.name,
  status: { id: 1, name: "Active" },
  deletedFlag: c.deleted ?? false,
  website: c.website ?? null,
  _info: info(c.updatedAt),
});

const projectPayload = (p: FakeProject) => ({
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
  _info: info(p.updatedAt),
});

/** `lastUpdated>=[2026-11-01T10:00:00Z]` -> the time, or null (conditions grammar: datetimes in brackets). */
const changedSince = (conditions: string) => /lastUpdated>=\[([^\]]+)\]/.exec(conditions)?.[1] ?? null;

/** One page of a listing with the vendor's Link header for the next one. */
function pageOf<T extends { id: number; updatedAt?: string }>(psa: FakePsa, listing: Listing, uri: string, rows: T[], payload: (row: T) => unknown) {
  const url = new URL(uri, CW_BASE);
  const size = Number(url.searchParams.get("pageSize") ?? 25);
  const page = Number(url.searchParams.get("page") ?? 1);
  const since = changedSince(url.searchParams.get("conditions") ?? "");
  psa.pages.push(`${listing}:${page}${since ? `>${since}` : ""}`);
  const selected = [...rows].filter((row) => !since || (row.updatedAt ?? DEFAULT_UPDATED) >= since).sort((a, b) => a.id - b.id);
  const items = psa.emptyListings && !since ? [] : selected.slice((page - 1) * size, page * size);
  const headers: Record<string, string> = {};
  if (page * size < selected.length && items.length > 0) {
    url.searchParams.set("page", String(page + 1));
    headers.link = `<${url.toString()}>; rel="next"`;
  }
  return [200, items.map(payload), headers] as const;
}

/** A fault the test set on this page, if any (each answer spends one of its `times`). */
function faultFor(psa: FakePsa, listing: Listing, uri: string) {
  const page = Number(new URL(uri, CW_BASE).searchParams.get("page") ?? 1);
  const fault = psa.faults.find((f) => f.listing === listing && f.page === page && (f.times ?? 1) > 0);
  if (!fault) return null;
  if (fault.times !== undefined) fault.times -= 1;
  if (fault.reply === "503") return [503, { code: "ConnectWiseApi", message: "Service unavailable" }] as const;
  if (fault.reply === "429") return [429, { code: "TooManyRequests", message: "Rate limited" }, { "retry-after": String(fault.retryAfterSeconds ?? 1) }] as const;
  return [200, [{ id: "not-a-number", communicationItems: "nope" }]] as const;
}

async function waitForHolds(psa: FakePsa, listing: Listing | null, uri: string) {
  if (psa.hold) await psa.hold;
  const page = Number(new URL(uri, CW_BASE).searchParams.get("page") ?? 1);
  const held = psa.holdPage;
  if (listing && held?.listing === listing && held.page === page) {
    psa.holdPage = null;
    await held.until;
  }
}

export function startFakeConnectwise(): FakePsa {
  // A stalled PSA answers only when the test is over, so no page's time budget is ever long enough, however slow the machine.
  let endStall = () => {};
  const stalled = new Promise<void>((resolve) => (endStall = resolve));
  const stop = () => {
    endStall();
    nock.cleanAll();
  };
  const psa: FakePsa = {
    contacts: [], companies: [], projects: [], mode: "up", calls: { contacts: 0, company: 0, projects: 0, details: 0, total: 0 }, asked: [], pages: [],
    hold: null, holdPage: null, faults: [], emptyListings: false, stop,
  };
  const gate = (kind: keyof FakePsa["calls"]) => {
    psa.calls[kind]++;
    psa.calls.total++;
    if (psa.mode === "down") return [503, { code: "ConnectWiseApi", message: "Service unavailable" }] as const;
    // ConnectWise's throttle answer, body as its guide's example (docs/reference/vendor-apis.md §1.6).
    if (psa.mode === "throttled") return [429, { error: "ConnectWiseAPI", message: "Too many requests. Please try again in 1 seconds." }, { "Retry-After": "1" }] as const;
    return null;
  };
  const scope = nock(CW_BASE).persist();
  scope.get(`${API}/company/contacts`).query(true).reply(async (uri) => {
    const failed = gate("contacts");
    const conditions = new URL(uri, CW_BASE).searchParams.get("childConditions");
    await waitForHolds(psa, conditions === null ? "contacts" : null, uri);
    if (psa.mode === "stalled") await stalled;
    if (failed) return failed;
    const wanted = conditions === null ? null : /communicationItems\/value="([^"]*)"/.exec(conditions)?.[1]?.toLowerCase();
    psa.asked.push(`contacts:${wanted ?? "*"}`);
    if (wanted === null || wanted === undefined) return faultFor(psa, "contacts", uri) ?? pageOf(psa, "contacts", uri, psa.contacts, (c) => contactPayload(c, psa.companies));
    return [200, psa.contacts.filter((c) => c.emails.some((e) => e.toLowerCase() === wanted)).map((c) => contactPayload(c, psa.companies))];
  });
  // A contact's companies in one request: conditions=id in (250,251) (Developer Guide "Conditions", the in operator).
  scope.get(`${API}/company/companies`).query(true).reply(async (uri) => {
    const failed = gate("company");
    const conditions = new URL(uri, CW_BASE).searchParams.get("conditions") ?? "";
    const ids = /id in \(([\d,\s]+)\)/.exec(conditions)?.[1]?.split(",").map(Number);
    await waitForHolds(psa, ids ? null : "companies", uri);
    if (failed) return failed;
    psa.asked.push(`companies:${ids?.join(",") ?? "*"}`);
    if (ids) return [200, psa.companies.filter((c) => ids.includes(c.id)).map(companyPayload)];
    return faultFor(psa, "companies", uri) ?? pageOf(psa, "companies", uri, psa.companies, companyPayload);
  });
  // The company status table (CompanyStatus.inactiveFlag): the connector reads it to apply inactive statuses.
  scope.get(`${API}/company/companies/statuses`).query(true).reply(200, [{ id: 1, name: "Active", inactiveFlag: false }]);
  scope.get(new RegExp(`^${API}/company/companies/\\d+(\\?.*)?$`)).reply(async (uri) => {
    const failed = gate("company");
    if (failed) return failed;
    const id = Number(new URL(uri, CW_BASE).pathname.split("/").pop());
    psa.asked.push(`company:${id}`);
    const company = psa.companies.find((c) => c.id === id);
    if (!company) return [404, { code: "NotFound", message: `Company ${id} not found` }];
    return [200, companyPayload(company)];
  });
  scope.get(`${API}/project/projects`).query(true).reply(async (uri) => {
    const failed = gate("projects");
    const conditions = new URL(uri, CW_BASE).searchParams.get("conditions") ?? "";
    const companyId = /company\/id=(\d+)/.exec(conditions)?.[1];
    await waitForHolds(psa, companyId === undefined ? "projects" : null, uri);
    if (failed) return failed;
    psa.asked.push(`projects:${companyId ?? "*"}`);
    if (companyId === undefined) return faultFor(psa, "projects", uri) ?? pageOf(psa, "projects", uri, psa.projects, projectPayload);
    return [200, psa.projects.filter((p) => p.companyId === Number(companyId)).map(projectPayload)];
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
    return [200, { id: 7, identifier: "rlee", firstName: "Rachel", lastName: "Lee", officeEmail: "rachel.lee@northwind.example", officePhone: "+1 555 010 0142", _info: info() }];
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
    _info: info(),
  };
}
