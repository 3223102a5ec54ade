import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import type { Config } from "../../config";
import { loadConfig } from "../../config";
import { composeGateway } from "../../src/compose";
import type { Gateway } from "../../src/compose";
import { createLogger } from "../../src/platform/logger";
import type { Logger } from "../../src/platform/logger";
import type { Firm } from "../../src/generated/prisma/client";
import { createFirm } from "./seed";
import { createTestDatabase } from "./test-database";
import { startSmtpSink } from "./smtp-sink";
import { fakeDns } from "./fake-dns";
import type { ResolveHost } from "../../connectors/registry";
import type { FakePsa } from "./fake-connectwise";
import type { SmtpSink } from "./smtp-sink";
import type { TestDatabase } from "./test-database";

export interface TestGateway extends Gateway {
  config: Config;
  agent(): ReturnType<typeof request.agent>;
}

/** A test gateway with what a second instance needs to share its state (`startTestGateway({ share })`). */
export type ShareableTestGateway = TestGateway & { database: TestDatabase; keyPrefix: string };

/**
 * A gateway on its own clean database (see test-database.ts), with Redis when TEST_REDIS_URL is set
 * (under a key prefix of its own, so parallel test files never share counters by accident).
 * Pass `share` to start a second instance on the same database and Redis prefix: two gateways, one state.
 * PSA host names resolve through `resolveHost` (default fakeDns(): every name a public address), never real DNS.
 */
export async function startTestGateway(
  options: { env?: Record<string, string>; share?: { database: TestDatabase; keyPrefix: string }; now?: () => number; logger?: Logger; resolveHost?: ResolveHost } = {},
): Promise<ShareableTestGateway> {
  const database = options.share?.database ?? (await createTestDatabase());
  const keyPrefix = options.share?.keyPrefix ?? `gwt:${crypto.randomBytes(4).toString("hex")}:`;
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    DATA_DIR: path.join(os.tmpdir(), "gw-test"),
    SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789",
    DATABASE_URL: database.url,
    ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
    ...options.env,
  });
  const gateway = await composeGateway(config, options.logger ?? createLogger("silent"), { migrate: false, keyPrefix, now: options.now, resolveHost: options.resolveHost ?? fakeDns() });
  return {
    ...gateway,
    config,
    database,
    keyPrefix,
    agent: () => request.agent(gateway.app),
    async close() {
      await gateway.close();
      if (!options.share) await database.drop();
    },
  };
}

/**
 * The usual shape of a test file: one gateway and one firm for all its tests.
 * `beforeAll(async () => ({ gw, firm, base } = await startGatewayWithFirm()));`
 */
export async function startGatewayWithFirm(): Promise<{ gw: TestGateway; firm: Firm; base: string }> {
  const gw = await startTestGateway();
  const firm = await createFirm(gw.db);
  return { gw, firm, base: `/portal/${firm.slug}` };
}

/**
 * A gateway that sends its email over SMTP to a sink the test reads, with one firm. Close both with `close()`.
 * `beforeAll(async () => ({ gw, smtp, firm, base } = await startGatewayWithMail({ TRUST_PROXY: "true" })));`
 */
export async function startGatewayWithMail(env: Record<string, string> = {}): Promise<{ gw: TestGateway; smtp: SmtpSink; firm: Firm; base: string; close(): Promise<void> }> {
  const smtp = await startSmtpSink();
  const gw = await startTestGateway({ env: { SMTP_URL: smtp.url, ...env } });
  const firm = await createFirm(gw.db);
  return {
    gw,
    smtp,
    firm,
    base: `/portal/${firm.slug}`,
    async close() {
      await gw.close();
      await smtp.close();
    },
  };
}

/**
 * A gateway whose only network is loopback and a fake ConnectWise PSA (fake-connectwise.ts) the test fills and
 * steers. The fake PSA stands for one on the firm's own network: its name resolves to loopback, which the operator
 * allows by name (PSA_ALLOW_PRIVATE_HOSTS), as for an on-premises ConnectWise. `close()` stops both and opens the
 * network again.
 */
export async function startGatewayWithFakePsa(env: Record<string, string>): Promise<{ gw: ShareableTestGateway; psa: FakePsa; close(): Promise<void> }> {
  // Loaded here, not at the top: importing nock switches its interception on for the whole test file, and a file
  // that talks to real sockets only (a reset TLS peer makes nock's pass-through socket throw) must not have it.
  const { default: nock } = await import("nock");
  const { CW_SITE, startFakeConnectwise } = await import("./fake-connectwise");
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  const gw = await startTestGateway({ env: { PSA_ALLOW_PRIVATE_HOSTS: CW_SITE, ...env }, resolveHost: fakeDns({ [CW_SITE]: ["127.0.0.1"] }) });
  const psa = startFakeConnectwise();
  return {
    gw,
    psa,
    async close() {
      psa.stop();
      await gw.close();
      nock.enableNetConnect();
    },
  };
}
