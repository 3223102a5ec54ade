import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";
import { findFreePort } from "../../src/platform/db/embedded-postgres";

// The quick start, as a person meets it: `npm start` on a fresh data folder (the demo firm), and a real Chromium.
const root = path.resolve(__dirname, "..", "..");

export interface DemoGateway {
  baseUrl: string;
  stop(): Promise<void>;
}

/** `npm start`'s server on a free port and an empty data folder; `env` adds settings (an SMTP sink, say). */
export async function startDemoGateway(env: Record<string, string> = {}): Promise<DemoGateway> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-e2e-"));
  const port = await findFreePort();
  const server: ChildProcess = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["src/server.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "development", PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "", REDIS_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Demo portal:")) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", onData);
    server.on("exit", (code) => reject(new Error(`gateway exited with ${code}:\n${output}`)));
  });
  return {
    baseUrl: `http://localhost:${port}`,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
