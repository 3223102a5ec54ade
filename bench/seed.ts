import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../config";
import { composeGateway } from "../src/compose";
import type { Gateway } from "../src/compose";
import { createLogger } from "../src/platform/logger";
import { hashPassword } from "../src/sign-in/passwords";
import { sealConnectorSettings } from "../src/psa/firm-connectors";
import { decodeSecretKey } from "../connectors/shared/secrets";
import type { Firm } from "../src/generated/prisma/client";
import { BENCH_KEY, BENCH_SECRET } from "./lib";

export const BENCH_PASSWORD = "bench-password-2026";

/** Where a bench gateway keeps its data: a fresh DATA_DIR (embedded), or the DATABASE_URL given (a new firm each time). */
export function freshDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "gw-bench-"));
}

/** The settings of a bench gateway, in this process (seeding) or as a child's environment. */
export function benchEnv(dataDir: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    SEED_DEMO: "false",
    // No scheduled sync runs during a load run: the rows that need a snapshot take one themselves.
    SYNC_INCREMENTAL_MINUTES: "off",
    SYNC_FULL_AT: "off",
    PSA_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
    // The mock PSA's throwaway certificate; loopback only.
    NODE_TLS_REJECT_UNAUTHORIZED: "0",
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  };
}

/** Open the bench gateway's database and store in this process (migrating it), run `work`, close. */
export async function withGateway<T>(dataDir: string, work: (gateway: Gateway) => Promise<T>, keyPrefix = "gw:"): Promise<T> {
  const env = benchEnv(dataDir);
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  const config = loadConfig({ ...env, NODE_ENV: "test", LOG_LEVEL: "silent", CONNECTOR_SECRETS_KEY: BENCH_KEY, SESSION_SECRET: BENCH_SECRET });
  const gateway = await composeGateway(config, createLogger("silent"), { keyPrefix });
  try {
    return await work(gateway);
  } finally {
    await gateway.close();
  }
}

/**
 * A firm whose PSA is the mock ConnectWise on `psaPort`, with `accounts` active clients client{n}@bench.test, all
 * with BENCH_PASSWORD: one multi-row INSERT, so 100,000 accounts take seconds, not minutes.
 */
export async function seedPsaFirm(gateway: Gateway, psaPort: number, accounts: number): Promise<Firm> {
  const sealed = sealConnectorSettings("connectwise", { site: `127.0.0.1:${psaPort}`, companyId: "bench", publicKey: "pub", privateKey: "priv", clientId: "0f6a6a0a-3b1e-4c55-9a5e-2d4a8c0f1e11" }, decodeSecretKey(BENCH_KEY));
  const slug = `bench-${Date.now().toString(36)}`;
  const firm = await gateway.db.firm.create({ data: { slug, name: "Bench Firm", connectorKind: "connectwise", ...sealed } });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await gateway.db.$executeRaw`
    INSERT INTO "PortalAccount" (id, "firmId", email, "passwordHash", status, "emailConfirmedAt", "statusChangedAt", "statusChangedBy", "updatedAt")
    SELECT gen_random_uuid(), ${firm.id}::uuid, 'client' || n || '@bench.test', ${passwordHash}, 'active'::"AccountStatus", now(), now(), 'bench seed', now()
    FROM generate_series(0, ${accounts - 1}::int) AS n`;
  return firm;
}
