import https from "node:https";
import { selfSignedCertificate } from "./mock-psa";

/**
 * A ConnectWise-shaped PSA for `npm run bench:sync`, run as a child process so its work and memory are not the
 * gateway's: CONTACTS contacts in COMPANIES companies (PROJECTS_PER_COMPANY projects each), generated from their
 * ids rather than held, listed 1,000 a page (pageSize/page, the next page in a Link header, ordered by id, as the
 * Developer Guide's "Pagination"), answering after LATENCY_MS, and honouring conditions=lastUpdated>=[...].
 * POST /__bench/change?percent=1 changes that share of the contacts; GET /__bench/counts reports requests served.
 * Loopback only. Prints "mock psa listening PORT" when ready.
 */
const CONTACTS = Number(process.env.CONTACTS ?? 100_000);
const COMPANIES = Number(process.env.COMPANIES ?? 10_000);
const PROJECTS_PER_COMPANY = Number(process.env.PROJECTS_PER_COMPANY ?? 3);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const BASE_UPDATED = "2026-11-01T10:00:00Z";

const changed = new Map<number, string>();
const counts: Record<string, number> = {};
const companyOf = (contactId: number) => ((contactId - 1) % COMPANIES) + 1;
// Records were last changed over the day before BASE_UPDATED, one second apart, so an incremental run's overlap
// window holds only the latest few hundred (as in a real PSA), not every record.
const BASE_MS = Date.parse(BASE_UPDATED);
const updatedAt = (id: number) => new Date(BASE_MS - ((id * 7919) % 86_400) * 1000).toISOString().replace(".000", "");
const info = (updated: string) => ({ lastUpdated: updated });

const contact = (id: number) => ({
  id,
  firstName: "Client",
  lastName: changed.has(id) ? `${id} (changed)` : String(id),
  company: { id: companyOf(id), identifier: `C${companyOf(id)}`, name: `Company ${companyOf(id)}` },
  inactiveFlag: false,
  communicationItems: [{ id, type: { id: 1, name: "Email" }, value: `client${id}@company${companyOf(id)}.example`, defaultFlag: true, communicationType: "Email" }],
  _info: info(changed.get(id) ?? updatedAt(id)),
});
const company = (id: number) => ({ id, identifier: `C${id}`, name: `Company ${id}`, deletedFlag: false, status: { id: 1, name: "Active" }, website: `https://company${id}.example`, _info: info(updatedAt(id)) });
const project = (id: number) => {
  const companyId = Math.floor(id / 10);
  return {
    id,
    name: `Project ${companyId}-${id % 10}`,
    company: { id: companyId, identifier: `C${companyId}`, name: `Company ${companyId}` },
    status: { id: 1, name: "In Progress" },
    closedFlag: false,
    manager: { id: 7, identifier: "rlee", name: "Rachel Lee" },
    billingAmount: 1000 * (id % 10),
    budgetHours: 400,
    actualHours: 150,
    percentComplete: 40,
    _info: info(updatedAt(id)),
  };
};

/** The ids a listing holds, in order: every record, or only those changed at or after `since`. */
function idsOf(route: string, since: string | null): number[] {
  const all =
    route === "/company/contacts"
      ? Array.from({ length: CONTACTS }, (_, i) => i + 1)
      : route === "/company/companies"
        ? Array.from({ length: COMPANIES }, (_, i) => i + 1)
        : Array.from({ length: COMPANIES * PROJECTS_PER_COMPANY }, (_, i) => (Math.floor(i / PROJECTS_PER_COMPANY) + 1) * 10 + (i % PROJECTS_PER_COMPANY) + 1);
  if (!since) return all;
  const changedAt = (id: number) => (route === "/company/contacts" ? changed.get(id) : undefined) ?? updatedAt(id);
  return all.filter((id) => changedAt(id) >= since);
}

function answer(url: URL): { body: unknown; link?: string } {
  const route = url.pathname.replace(/^.*\/apis\/3\.0/, "");
  if (route === "/company/companies/statuses") return { body: [{ id: 1, name: "Active", inactiveFlag: false }] };
  if (/^\/project\/projects\/\d+\/phases$/.test(route)) return { body: [] };
  if (/^\/system\/members\/\d+$/.test(route)) return { body: { id: 7, identifier: "rlee", firstName: "Rachel", lastName: "Lee", officeEmail: "rachel.lee@bench.example", _info: info(BASE_UPDATED) } };
  const email = /value="([^"]+)"/.exec(url.searchParams.get("childConditions") ?? "")?.[1];
  if (route === "/company/contacts" && email) {
    const id = Number(/^client(\d+)@/.exec(email)?.[1] ?? 0);
    return { body: id >= 1 && id <= CONTACTS ? [contact(id)] : [] };
  }
  const since = /lastUpdated>=\[([^\]]+)\]/.exec(url.searchParams.get("conditions") ?? "")?.[1] ?? null;
  const size = Number(url.searchParams.get("pageSize") ?? 25);
  const page = Number(url.searchParams.get("page") ?? 1);
  const ids = idsOf(route, since);
  const slice = ids.slice((page - 1) * size, page * size);
  const make: (id: number) => object = route === "/company/contacts" ? contact : route === "/company/companies" ? company : project;
  if (page * size >= ids.length || slice.length === 0) return { body: slice.map(make) };
  url.searchParams.set("page", String(page + 1));
  return { body: slice.map(make), link: `<${url.toString()}>; rel="next"` };
}

const server = https.createServer(selfSignedCertificate(), (req, res) => {
  const url = new URL(req.url ?? "/", "https://127.0.0.1");
  if (url.pathname === "/__bench/counts") return void res.end(JSON.stringify(counts));
  if (url.pathname === "/__bench/change") {
    const share = Number(url.searchParams.get("percent") ?? 1) / 100;
    const at = new Date().toISOString();
    for (let id = 1; id <= CONTACTS; id += Math.round(1 / share)) changed.set(id, at);
    return void res.end(JSON.stringify({ changed: changed.size }));
  }
  const route = url.pathname.replace(/^.*\/apis\/3\.0/, "").replace(/\/\d+(?=\/|$)/g, "/{id}");
  counts[route] = (counts[route] ?? 0) + 1;
  setTimeout(() => {
    const { body, link } = answer(url);
    res.setHeader("content-type", "application/json");
    if (link) res.setHeader("link", link);
    res.end(JSON.stringify(body));
  }, LATENCY_MS);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`mock psa listening ${typeof address === "object" && address ? address.port : 0}`);
});
