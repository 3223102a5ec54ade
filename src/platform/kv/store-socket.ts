import fs from "node:fs";
import net from "node:net";
import type { CounterOptions, CounterState, KeyValueStore } from "./store";

/**
 * The gateway's in-process store, reachable by the operator CLI. Without REDIS_URL, lockouts, locks and cached
 * PSA answers live in the gateway's memory; `unlock` from the CLI must clear the very counter sign-in reads.
 * The gateway serves its store on a Unix socket in DATA_DIR/run (mode 0700, this user only; data-dir-holder.ts
 * publishes where), and the CLI's store is a thin client of it: one line of JSON per call and one back. (Not
 * HTTP: nothing to gain from it for a handful of calls between two processes of one user.)
 */
type Call =
  | { op: "get" | "delete"; key: string }
  | { op: "set" | "setIfAbsent"; key: string; value: string; ttlMs: number }
  | { op: "deleteIfEquals"; key: string; value: string }
  | { op: "extendIfEquals"; key: string; value: string; ttlMs: number }
  | { op: "counter.get" | "counter.hit" | "counter.take" | "counter.giveBack" | "counter.reset"; counter: CounterOptions; key: string }
  | { op: "counter.block"; counter: CounterOptions; key: string; seconds: number }
  | { op: "ping" };

function perform(store: KeyValueStore, call: Call): Promise<unknown> {
  switch (call.op) {
    case "get":
      return store.get(call.key);
    case "delete":
      return store.delete(call.key);
    case "set":
      return store.set(call.key, call.value, call.ttlMs);
    case "setIfAbsent":
      return store.setIfAbsent(call.key, call.value, call.ttlMs);
    case "deleteIfEquals":
      return store.deleteIfEquals(call.key, call.value);
    case "extendIfEquals":
      return store.extendIfEquals(call.key, call.value, call.ttlMs);
    case "counter.get":
      return store.counter(call.counter).get(call.key);
    case "counter.hit":
      return store.counter(call.counter).hit(call.key);
    case "counter.take":
      return store.counter(call.counter).take(call.key);
    case "counter.giveBack":
      return store.counter(call.counter).giveBack(call.key);
    case "counter.reset":
      return store.counter(call.counter).reset(call.key);
    case "counter.block":
      return store.counter(call.counter).block(call.key, call.seconds);
    case "ping":
      return store.ping();
  }
}

/** Serve `store` on `socketPath` (owner-only). Returns the function that stops serving. */
export async function serveStore(store: KeyValueStore, socketPath: string): Promise<() => Promise<void>> {
  fs.rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    let body = "";
    socket.setEncoding("utf8");
    socket.on("error", () => socket.destroy());
    socket.on("data", (chunk: string) => {
      body += chunk;
      if (!body.endsWith("\n")) return;
      Promise.resolve()
        .then(() => perform(store, JSON.parse(body) as Call))
        .then(
          (result) => socket.end(`${JSON.stringify({ result: result ?? null })}\n`),
          (error: unknown) => socket.end(`${JSON.stringify({ error: error instanceof Error ? error.message : "store error" })}\n`),
        );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, resolve);
  });
  fs.chmodSync(socketPath, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      fs.rmSync(socketPath, { force: true });
    });
}

/** One call: a line of JSON out, a line of JSON back, on a connection of its own (calls are few: one per command). */
function send<T>(socketPath: string, call: Call): Promise<T> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let answer = "";
    socket.setEncoding("utf8");
    socket.setTimeout(5000, () => socket.destroy(new Error("the gateway's store did not answer in time")));
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      try {
        const parsed = JSON.parse(answer) as { result?: T; error?: string };
        if ("error" in parsed) reject(new Error(`the gateway's store answered: ${parsed.error}`));
        else resolve(parsed.result as T);
      } catch {
        reject(new Error("the gateway's store gave no answer"));
      }
    });
    socket.write(`${JSON.stringify(call)}\n`);
  });
}

/** The gateway's in-process store, from another process of the same user. */
export function connectStore(socketPath: string): KeyValueStore {
  return {
    kind: "memory",
    get: (key) => send<string | null>(socketPath, { op: "get", key }),
    set: (key, value, ttlMs) => send<void>(socketPath, { op: "set", key, value, ttlMs }),
    setIfAbsent: (key, value, ttlMs) => send<boolean>(socketPath, { op: "setIfAbsent", key, value, ttlMs }),
    deleteIfEquals: (key, value) => send<void>(socketPath, { op: "deleteIfEquals", key, value }),
    extendIfEquals: (key, value, ttlMs) => send<boolean>(socketPath, { op: "extendIfEquals", key, value, ttlMs }),
    delete: (key) => send<void>(socketPath, { op: "delete", key }),
    counter: (counter) => ({
      get: (key) => send<CounterState | null>(socketPath, { op: "counter.get", counter, key }),
      hit: (key) => send<CounterState>(socketPath, { op: "counter.hit", counter, key }),
      take: (key) => send<{ taken: boolean; state: CounterState }>(socketPath, { op: "counter.take", counter, key }),
      giveBack: (key) => send<void>(socketPath, { op: "counter.giveBack", counter, key }),
      block: (key, seconds) => send<void>(socketPath, { op: "counter.block", counter, key, seconds }),
      reset: (key) => send<void>(socketPath, { op: "counter.reset", counter, key }),
    }),
    ping: () => send<void>(socketPath, { op: "ping" }),
    async close() {},
  };
}
