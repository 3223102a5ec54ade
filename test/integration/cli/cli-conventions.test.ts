import os from "node:os";
import path from "node:path";
import { startTestGateway } from "../../helpers/test-gateway";
import { createFirm } from "../../helpers/seed";
import { asToken } from "../../helpers/api";
import { runCliProcess } from "../../helpers/processes";
import type { Firm } from "../../../src/generated/prisma/client";

// The CLI's conventions (help on every level, exit codes 0/1/2, --json, errors in words), run as a script would,
// here against DATABASE_URL (and REDIS_URL under test:services): the same database as a gateway started on it.
let gw: Awaited<ReturnType<typeof startTestGateway>>;
let firm: Firm;
let env: Record<string, string>;

beforeAll(async () => {
  gw = await startTestGateway();
  firm = await createFirm(gw.db);
  env = { DATA_DIR: path.join(os.tmpdir(), "gw-cli-unused"), DATABASE_URL: gw.database.url, ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}) };
}, 120_000);
afterAll(() => gw.close());

const cli = (...args: string[]) => runCliProcess(args, env);

test("--help works on every level and exits 0", async () => {
  for (const args of [["--help"], ["token", "--help"], ["token", "create", "--help"]]) {
    const run = await cli(...args);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: npm run cli --");
  }
  expect((await cli("--help")).stdout).toMatch(/token\s+token commands/);
  expect((await cli("token", "create", "--help")).stdout).toContain("--role <role>");
}, 120_000);

test("bad usage exits 2 and says what is wrong: an unknown command, a missing option, a value out of range", async () => {
  const unknown = await cli("tokne", "list");
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("unknown command 'tokne'");
  expect(unknown.stderr).toContain("Did you mean token?");

  const missing = await cli("token", "create", "--firm", firm.slug, "--role", "admin");
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("required option '--name <name>' not specified");

  const badRole = await cli("token", "create", "--firm", firm.slug, "--role", "superuser", "--name", "x", "--json");
  expect(badRole.code).toBe(2);
  expect(JSON.parse(badRole.stdout)).toEqual({ ok: false, error: expect.objectContaining({ code: "validation_failed", message: "role: must be owner, admin or support" }) });
}, 120_000);

test("an unknown firm slug fails with exit 1, says so and how to find slugs, and never prints a stack trace", async () => {
  const run = await cli("token", "list", "--firm", "no-such-firm");
  expect(run.code).toBe(1);
  expect(run.stderr).toBe('error: No firm has the slug "no-such-firm".\n`npm run cli -- firm list` shows every firm\'s slug.\n');
  const asJson = await cli("token", "list", "--firm", "no-such-firm", "--json");
  expect(JSON.parse(asJson.stdout).error.code).toBe("portal_not_found");
  expect(asJson.stdout + asJson.stderr).not.toMatch(/\n\s+at /);
}, 120_000);

test("with DATABASE_URL set the CLI works on that database: a token it makes works on a gateway started on it", async () => {
  const made = await cli("token", "create", "--firm", firm.slug, "--role", "support", "--name", "reporting", "--json");
  expect(made.code).toBe(0);
  const { data } = JSON.parse(made.stdout) as { data: { token: string; role: string; firm: string } };
  expect(data).toEqual(expect.objectContaining({ role: "support", firm: firm.slug }));
  const seen = await asToken(gw, data.token).get("/firm");
  expect(seen.status).toBe(200);
  expect(seen.body.slug).toBe(firm.slug);

  const listed = await cli("firm", "list", "--json");
  expect(JSON.parse(listed.stdout).data.firms).toEqual(expect.arrayContaining([expect.objectContaining({ slug: firm.slug, disabled: false })]));
}, 120_000);
