import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMemoryStore } from "../../../src/platform/kv/memory-store";
import { connectStore, serveStore } from "../../../src/platform/kv/store-socket";

// The operator CLI reaches the running gateway's in-process store through a socket: what it changes is what the
// gateway reads (an unlock clears the very count sign-in checks).
let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-store-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a counter reset through the socket is the gateway's own counter reset; values and locks go both ways", async () => {
  const gatewayStore = createMemoryStore();
  const socket = path.join(dir, "store.sock");
  const stop = await serveStore(gatewayStore, socket);
  try {
    expect(fs.statSync(socket).mode & 0o077).toBe(0);
    const options = { name: "signin-email-5", points: 5, windowSeconds: 900 };
    const inGateway = gatewayStore.counter(options);
    for (let i = 0; i < 3; i++) await inGateway.hit("firm:ana@example.com");
    const remote = connectStore(socket);
    expect((await remote.counter(options).get("firm:ana@example.com"))?.consumed).toBe(3);
    await remote.counter(options).reset("firm:ana@example.com");
    expect(await inGateway.get("firm:ana@example.com")).toBeNull();

    await remote.set("cache", "answer", 60_000);
    expect(await gatewayStore.get("cache")).toBe("answer");
    expect(await remote.setIfAbsent("lock", "cli", 60_000)).toBe(true);
    expect(await gatewayStore.setIfAbsent("lock", "gateway", 60_000)).toBe(false);
    await expect(remote.ping()).resolves.toBeNull();
  } finally {
    await stop();
  }
  expect(fs.existsSync(socket)).toBe(false);
});
