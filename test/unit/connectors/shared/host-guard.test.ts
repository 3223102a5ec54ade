import http from "node:http";
import type { AddressInfo } from "node:net";
import { createConnector } from "../../../../connectors/registry";
import { checkConnectorAddresses } from "../../../../connectors/registry";
import { createHostGuard, findInvalidAllowanceEntries, type ResolveHost } from "../../../../connectors/shared/host-guard";
import { expectError, expectOk } from "../support/expect-result";
import { makeTestDeps } from "../support/test-deps";

/** A resolver answering from a table, so no test needs DNS. */
const resolveFrom =
  (table: Record<string, string[]>): ResolveHost =>
  async (hostname) =>
    table[hostname] ?? [];

const cw = { companyId: "acme", publicKey: "p", privateKey: "k", clientId: "f2d1c0de-0000-4000-8000-1234567890ab" };

// Issue 14 finding 1: every address the red-team pass used, and the encodings that reach them.
const internal = [
  "127.0.0.1:8080",
  "localhost",
  "2130706433",
  "0x7f.1",
  "127.1",
  "017700000001",
  "169.254.169.254",
  "10.1.2.3:6379",
  "172.16.0.5",
  "192.168.1.1",
  "100.64.0.1",
  "0.0.0.0",
  "0",
  "198.18.0.1",
  "224.0.0.1",
  "[::1]",
  "[::ffff:127.0.0.1]",
  "[::ffff:a9fe:a9fe]",
  "[fd00:ec2::254]",
  "[fe80::1]",
  "[64:ff9b::a9fe:a9fe]",
  "[2002:7f00:1::]",
  "internal.corp.example",
];

describe("the PSA host guard", () => {
  const guard = createHostGuard({ resolveHost: resolveFrom({ localhost: ["127.0.0.1", "::1"], "internal.corp.example": ["10.20.30.40"], "api-na.myconnectwise.net": ["52.4.5.6"] }) });

  it.each(internal)("refuses %s", async (host) => {
    expect(await guard.checkHost(host)).toMatchObject({ allowed: false, reason: "internal_address" });
  });

  it("allows a public host and a public address", async () => {
    expect(await guard.checkHost("api-na.myconnectwise.net")).toEqual({ allowed: true, addresses: ["52.4.5.6"] });
    expect(await guard.checkHost("8.8.8.8")).toEqual({ allowed: true, addresses: ["8.8.8.8"] });
  });

  it("refuses a name with any internal address among its answers (DNS rebinding with mixed answers)", async () => {
    const mixed = createHostGuard({ resolveHost: resolveFrom({ "psa.example": ["52.4.5.6", "127.0.0.1"] }) });
    expect(await mixed.checkHost("psa.example")).toMatchObject({ allowed: false, reason: "internal_address" });
  });

  it("lets the operator allow private hosts by name, address or CIDR, or all of them", async () => {
    const resolveHost = resolveFrom({ "cw.internal": ["10.0.0.8"], "other.internal": ["10.9.9.9"] });
    const byName = createHostGuard({ allowPrivateHosts: ["cw.internal"], resolveHost });
    expect((await byName.checkHost("cw.internal")).allowed).toBe(true);
    expect((await byName.checkHost("other.internal")).allowed).toBe(false);
    const byCidr = createHostGuard({ allowPrivateHosts: ["10.0.0.0/24", "127.0.0.1"], resolveHost });
    expect((await byCidr.checkHost("cw.internal")).allowed).toBe(true);
    expect((await byCidr.checkHost("127.0.0.1:9443")).allowed).toBe(true);
    expect((await byCidr.checkHost("169.254.169.254")).allowed).toBe(false);
    expect((await createHostGuard({ allowPrivateHosts: true, resolveHost }).checkHost("other.internal")).allowed).toBe(true);
  });

  it("says which allowance entries are not host names, addresses or CIDR ranges", () => {
    expect(findInvalidAllowanceEntries(["10.0.0.0/8", "cw.internal", "::1", "10.0.0.0/99", "not a host"])).toEqual(["10.0.0.0/99", "not a host"]);
  });

  // Node does not call `lookup` for an address, and checkHost before connecting can be outdated by the time the
  // connection is made: the agent's lookup checks the address actually connected to.
  it("refuses at connect time when the DNS answer has changed to an internal address", async () => {
    const server = http.createServer((_req, res) => res.end("internal service"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const answers = [["52.4.5.6"], ["127.0.0.1"]];
    const rebinding = createHostGuard({ resolveHost: async () => answers.shift() ?? [] });
    try {
      expect((await rebinding.checkHost("psa.example")).allowed).toBe(true);
      const outcome = await new Promise<string>((resolve) => {
        http
          .get({ host: "psa.example", port, agent: new http.Agent({ lookup: rebinding.lookup }) }, (res) => resolve(`answered ${res.statusCode}`))
          .on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      });
      expect(outcome).toBe("EPSA_BLOCKED_ADDRESS");

      const allowed = createHostGuard({ allowPrivateHosts: ["127.0.0.1"], resolveHost: async () => ["127.0.0.1"] });
      const reached = await new Promise<string>((resolve) => {
        http.get({ host: "psa.example", port, agent: new http.Agent({ lookup: allowed.lookup }) }, (res) => resolve(`answered ${res.statusCode}`)).on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      });
      expect(reached).toBe("answered 200");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("connectors refuse internal PSA addresses", () => {
  it.each(["127.0.0.1:6379", "2130706433", "0x7f.1", "169.254.169.254", "127.1:443"])(
    "a ConnectWise site of %s is refused before any request, as a settings problem",
    async (site) => {
      const { deps, sleeps } = makeTestDeps();
      const connector = expectOk(createConnector("connectwise", { ...cw, site }, deps));
      const error = expectError(await connector.verifyConnection());
      expect(error).toMatchObject({ code: "psa_misconfigured", detail: "site" });
      expect(error.message).toContain("private or internal network address");
      expect(error.message).toContain("PSA_ALLOW_PRIVATE_HOSTS");
      expect(sleeps).toEqual([]);
    },
  );

  it("a host name that resolves to an internal address is refused at connect time, without retries", async () => {
    const { deps, sleeps } = makeTestDeps({ resolveHost: resolveFrom({ "psa.attacker.example": ["10.0.0.7"] }) });
    const connector = expectOk(createConnector("connectwise", { ...cw, site: "psa.attacker.example" }, deps));
    const error = expectError(await connector.verifyConnection());
    expect(error).toMatchObject({ code: "psa_misconfigured", detail: "site" });
    expect(sleeps).toEqual([]);
  });

  it("the same address is reached when the operator allows it (an on-premises ConnectWise)", async () => {
    const { deps } = makeTestDeps({ allowPrivateHosts: ["127.0.0.1"], timeoutMs: 2_000, maxRetries: 0 });
    const connector = expectOk(createConnector("connectwise", { ...cw, site: "127.0.0.1:9" }, deps));
    const error = expectError(await connector.verifyConnection());
    // Not refused by the guard: the connection was attempted (nothing listens on port 9).
    expect(error.code).toBe("psa_unavailable");
    expect(error.message).toBe("ConnectWise PSA: could not reach the PSA at 127.0.0.1:9 over HTTPS. Check the address in the connector settings; if it is right, the PSA may be down, so try again shortly.");
  });

  it("checks every address the settings name before they are saved", async () => {
    const resolveHost = resolveFrom({ "acme.halopsa.com": ["52.1.1.1"], "api-na.myconnectwise.net": ["52.4.5.6"], "cw.corp.example": ["192.168.4.4"] });
    expect(expectOk(await checkConnectorAddresses("connectwise", { ...cw, site: "api-na.myconnectwise.net" }, { resolveHost })).checked).toEqual(["api-na.myconnectwise.net"]);
    expect(expectError(await checkConnectorAddresses("connectwise", { ...cw, site: "cw.corp.example" }, { resolveHost }))).toMatchObject({ code: "psa_misconfigured", detail: "site" });
    expect(expectError(await checkConnectorAddresses("halopsa", { baseUrl: "https://10.0.0.1", clientId: "id", clientSecret: "s" }, { resolveHost }))).toMatchObject({ detail: "baseUrl" });
    expect((await checkConnectorAddresses("connectwise", { ...cw, site: "cw.corp.example" }, { resolveHost, allowPrivateHosts: ["cw.corp.example"] })).ok).toBe(true);
  });
});
