import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";

/**
 * A local ConnectWise-shaped PSA over HTTPS (a throwaway self-signed certificate) that answers after a fixed
 * latency and counts the requests it receives, by endpoint. Loopback only.
 */
export interface MockPsa {
  port: number;
  counts: Record<string, number>;
  /** How many companies the batched company reads named (one request each before they were batched). */
  companiesAsked(): number;
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

export async function startMockConnectwise(options: { companies: number; latencyMs: number }): Promise<MockPsa> {
  const counts: Record<string, number> = {};
  let companiesAsked = 0;
  const info = { lastUpdated: "2026-11-01T10:00:00Z" };
  const server = https.createServer(selfSignedCertificate(), (req, res) => {
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    const route = url.pathname.replace(/\/\d+$/, "/{id}").replace(/^.*\/apis\/3\.0/, "");
    counts[route] = (counts[route] ?? 0) + 1;
    setTimeout(() => {
      let body: unknown = [];
      if (route === "/company/contacts") {
        const email = /value="([^"]+)"/.exec(url.searchParams.get("childConditions") ?? "")?.[1] ?? "";
        const n = Number(/^client(\d+)@/.exec(email)?.[1] ?? -1);
        // Every fourth client is also a contact of the next company (one email on two contacts, as ConnectWise
        // keeps one company per contact), so a page load needs two companies for them.
        const companyIds = n % 4 === 0 ? [n + 1, ((n + 1) % options.companies) + 1] : [n + 1];
        body = n >= 0 && n < options.companies
          ? companyIds.map((id, k) => ({ id: 1000 + n + 100 * k, firstName: "Client", lastName: String(n), company: { id, identifier: `C${id}`, name: `Company ${id}` }, inactiveFlag: false, communicationItems: [{ id: n, type: { id: 1, name: "Email" }, value: email, defaultFlag: true, communicationType: "Email" }], _info: info }))
          : [];
      } else if (route === "/company/companies/statuses") {
        body = [{ id: 1, name: "Active", inactiveFlag: false }, { id: 2, name: "Inactive", inactiveFlag: true }];
      } else if (route === "/company/companies") {
        // A contact's companies in one request: conditions=id in (1,2,3).
        const ids = /id in \(([\d,]+)\)/.exec(url.searchParams.get("conditions") ?? "")?.[1]?.split(",").map(Number) ?? [];
        companiesAsked += ids.length;
        body = ids.filter((id) => id >= 1 && id <= options.companies).map((id) => ({ id, identifier: `C${id}`, name: `Company ${id}`, deletedFlag: false, status: { id: 1, name: "Active" }, _info: info }));
      } else if (route === "/company/companies/{id}") {
        const id = Number(url.pathname.split("/").pop());
        body = { id, identifier: `C${id}`, name: `Company ${id}`, deletedFlag: false, status: { id: 1, name: "Active" }, _info: info };
      } else if (route === "/project/projects") {
        const id = Number(/company\/id=(\d+)/.exec(url.searchParams.get("conditions") ?? "")?.[1]);
        body = [1, 2, 3].map((k) => ({ id: id * 100 + k, name: `Project ${id}-${k}`, company: { id, identifier: `C${id}`, name: `Company ${id}` }, status: { id: 1, name: "In Progress" }, closedFlag: false, billingAmount: 1000 * k, percentComplete: 10 * k, _info: info }));
      }
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(body));
    }, options.latencyMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    counts,
    companiesAsked: () => companiesAsked,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
