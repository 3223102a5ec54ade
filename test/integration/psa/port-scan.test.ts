import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { findFreePort } from "../../../src/platform/db/embedded-postgres";
import { DEMO_PASSWORD, demoStaff } from "../../../config/demo";
import { migratedDataDir, startGatewayProcess } from "../../helpers/processes";
import type { GatewayProcess } from "../../helpers/processes";
import { csrfFrom } from "../../helpers/forms";

/**
 * Issue 14, finding 1, the port-scan half: with private PSA hosts allowed by the operator, the console's "Test
 * connection" reads the same for a closed port, a plain-HTTP server, a reset and a silent server, and never echoes
 * what a server answered. The gateway runs as its own process (`npm start`, the demo's admin) against real sockets
 * on loopback: in a Jest worker nock stays switched on after any file that loaded it, and its pass-through socket
 * throws an uncaught "write ECANCELED" when a TLS peer resets, which is nock's failure, not the gateway's.
 */
let dir: string;
let gateway: GatewayProcess;
let base: string;
const servers: Array<net.Server | http.Server> = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-port-scan-"));
  await migratedDataDir(dir);
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  gateway = startGatewayProcess({ DATA_DIR: dir, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "true", PSA_ALLOW_PRIVATE_HOSTS: "127.0.0.1", PSA_TIMEOUT_MS: "400" });
  await gateway.waitFor("gateway listening");
}, 120_000);
afterAll(async () => {
  for (const server of servers) server.close();
  await gateway?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function listen(server: net.Server | http.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

test("a closed port, a plain-HTTP server, a reset and a silent server read the same: the form cannot scan ports", async () => {
  const closed = await listen(net.createServer());
  servers.pop()?.close();
  const ports = {
    closed,
    plainHttp: await listen(http.createServer((_req, res) => res.end("redis_version:7 MARKER-BODY-TEXT"))),
    reset: await listen(net.createServer((socket) => socket.resetAndDestroy())),
    silent: await listen(net.createServer(() => undefined)),
  };
  const admin = request.agent(base);
  const login = await admin.get("/portal/demo/admin/login");
  expect((await admin.post("/portal/demo/admin/login").type("form").send({ _csrf: csrfFrom(login.text), email: demoStaff.email, password: DEMO_PASSWORD })).status).toBe(303);
  const messages: Record<string, string> = {};
  for (const [name, port] of Object.entries(ports)) {
    const page = await admin.get("/portal/demo/admin/psa?kind=connectwise");
    const form = { kind: "connectwise", site: `127.0.0.1:${port}`, companyId: "northwind", publicKey: "pub-key", privateKey: "cw-private-key-2718", clientId: "0f6a6a0a-3b1e-4c55-9a5e-2d4a8c0f1e11" };
    const saved = await admin.post("/portal/demo/admin/psa").type("form").send({ _csrf: csrfFrom(page.text), ...form });
    expect(saved.text).not.toContain("MARKER-BODY-TEXT");
    messages[name] = (/Test connection failed: ([^<]*)</.exec(saved.text)?.[1] ?? "").replace(String(port), "PORT");
  }
  expect(messages.closed).toContain("could not reach the PSA at 127.0.0.1:PORT over HTTPS");
  expect(new Set(Object.values(messages))).toEqual(new Set([messages.closed]));
  // The gateway is still up and nothing crashed it.
  expect((await admin.get("/portal/demo/admin")).status).toBe(200);
}, 120_000);
