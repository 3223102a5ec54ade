import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../../src/platform/db/embedded-postgres";
import { startGatewayProcess } from "../helpers/processes";

export interface DemoGateway {
  baseUrl: string;
  stop(): Promise<void>;
}

/** `npm start`'s demo on a free port and an empty data folder (the first start seeds it); `env` adds settings. */
export async function startDemoGateway(env: Record<string, string> = {}): Promise<DemoGateway> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-e2e-demo-"));
  const port = await findFreePort();
  const gateway = startGatewayProcess({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn", ...env });
  await gateway.waitFor("Demo portal:");
  return {
    baseUrl: `http://localhost:${port}`,
    async stop() {
      await gateway.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
