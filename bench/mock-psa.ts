import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";

/**
 * A local ConnectWise-shaped PSA over HTTPS (a throwaway self-signed certificate) that answers after a fixed
 * latency and counts the requests it receives, by endpoint. Loopback only. Contact n is client{n}@bench.test, in
 * company (n mod companies) + 1; every company has three open projects. Lists page the way ConnectWise does
 * (page/pageSize, a Link header to the next page). `down = true` makes every request fail with a 503.
 */
export interface MockPsa {
  port: number;
  counts: Record<string, number>;
  down: boolean;
  /** How many companies the batched company reads named (one request each before they were batched). */
  companiesAsked: number;
  close(): Promise<void>;
}

/** A throwaway self-signed certificate for 127.0.0.1 (openssl), for the mock PSAs' HTTPS. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mock-psa-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1", "-keyout", `${dir}/key.pem`, "-out", `${dir}/cert.pem`], { stdio: "ignore" });
  const pair = { key: fs.readFileSync(`${dir}/key.pem`), cert: fs.readFileSync(`${dir}/cert.pem`) };
  fs.rmSync(dir, { recursive: true, force: true });
  return pair;
}

export const benchEmail = (n: number) => `client${n}@bench.test`;

const info = { lastUpdated: "2026-11-01T10:00:00Z" };
const company = (id: number) => ({ id, identifier: `C${id}`, name: `Company ${id}`, deletedFlag: false, status: { id: 1, name: "Active" }, _info: info });
const contact = (n: number, companies: number, also = false) => {
  const companyId = ((n + (also ? 1 : 0)) % companies) + 1;
  return {
    id: also ? 1_000_000 + n : 1000 + n,
    firstName: "Client",
    lastName: String(n),
    company: { id: companyId, identifier: `C${companyId}`, name: `Company ${companyId}` },
    inactiveFlag: false,
    communicationItems: [{ id: n, type: { id: 1, name: "Email" }, value: benchEmail(n), defaultFlag: true, communicationType: "Email" }],
    _info: info,
  };
};
const projectsOf = (id: number) =>
  [1, 2, 3].map((k) => ({ id: id * 100 + k, name: `Project ${id}-${k}`, company: { id, identifier: `C${id}`, name: `Company ${id}` }, status: { id: 1, name: "In Progress" }, closedFlag: false, billingAmount: 1000 * k, percentComplete: 10 * k, _info: info }));

/** One page of `total` items made by `make`, and the Link header to the next page (ConnectWise pagination). */
function pageOf(url: URL, total: number, make: (i: number) => unknown, setLink: (link: string) => void): unknown[] {
  const page = Number(url.searchParams.get("page") ?? 1);
  const size = Number(url.searchParams.get("pageSize") ?? 25);
  const start = (page - 1) * size;
  if (start + size < total) {
    const next = new URL(url);
    next.searchParams.set("page", String(page + 1));
    setLink(`<${next.toString()}>; rel="next"`);
  }
  return Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => make(start + i));
}

type Counters = { companiesAsked: number };

function answer(url: URL, route: string, o: { companies: number; contacts: number }, state: Counters, setLink: (link: string) => void): unknown {
  const conditions = url.searchParams.get("conditions") ?? "";
  if (route === "/company/contacts") {
    const email = /value="([^"]+)"/.exec(url.searchParams.get("childConditions") ?? "")?.[1];
    if (email === undefined) return pageOf(url, o.contacts, (n) => contact(n, o.companies), setLink);
    const n = Number(/^client(\d+)@bench\.test$/.exec(email)?.[1] ?? -1);
    // Every fourth client is also a contact of the next company (ConnectWise keeps one company per contact, so one
    // email on two contacts): a page load needs two companies for them, read in one batched request.
    if (n < 0 || n >= o.contacts) return [];
    return n % 4 === 0 && o.companies > 1 ? [contact(n, o.companies), contact(n, o.companies, true)] : [contact(n, o.companies)];
  }
  if (route === "/company/companies/statuses") return [{ id: 1, name: "Active", inactiveFlag: false }, { id: 2, name: "Inactive", inactiveFlag: true }];
  if (route === "/company/companies") {
    // A contact's companies in one request: conditions=id in (1,2,3); without it, the whole list.
    const ids = /id in \(([\d,]+)\)/.exec(conditions)?.[1]?.split(",").map(Number);
    if (!ids) return pageOf(url, o.companies, (i) => company(i + 1), setLink);
    state.companiesAsked += ids.length;
    return ids.filter((id) => id >= 1 && id <= o.companies).map(company);
  }
  if (route === "/company/companies/{id}") return company(Number(url.pathname.split("/").pop()));
  if (route === "/company/contacts/count") return { count: o.contacts };
  if (route === "/project/projects") {
    const id = Number(/company\/id=(\d+)/.exec(conditions)?.[1] ?? NaN);
    if (Number.isNaN(id)) return pageOf(url, o.companies * 3, (i) => projectsOf(Math.floor(i / 3) + 1)[i % 3], setLink);
    return projectsOf(id);
  }
  return [];
}

export async function startMockConnectwise(options: { companies: number; contacts?: number; latencyMs: number }): Promise<MockPsa> {
  const o = { companies: options.companies, contacts: options.contacts ?? options.companies };
  const state = { counts: {} as Record<string, number>, down: false, companiesAsked: 0 };
  const server = https.createServer(selfSignedCertificate(), (req, res) => {
    const url = new URL(req.url ?? "/", `https://127.0.0.1:${(server.address() as { port: number }).port}`);
    const route = url.pathname.replace(/\/\d+$/, "/{id}").replace(/^.*\/apis\/3\.0/, "");
    state.counts[route] = (state.counts[route] ?? 0) + 1;
    setTimeout(() => {
      if (state.down) {
        res.statusCode = 503;
        return void res.end("down");
      }
      const body = answer(url, route, o, state, (link) => res.setHeader("link", link));
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(body));
    }, options.latencyMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(state, {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
