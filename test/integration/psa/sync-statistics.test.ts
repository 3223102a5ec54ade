import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { ShareableTestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm } from "../../helpers/seed";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";
import { syncNow } from "../../helpers/sync";
import { ANALYZE_AFTER_ROWS } from "../../../src/psa/sync/snapshot-writer";

// A first run writes thousands of rows into tables the planner still believes empty, then reads them back at once
// (the accounts' links and standing). Unless the run refreshes the statistics itself, those reads are planned for
// empty tables: 5 to 12 s per 1,000 accounts in bench:sync on PostgreSQL 15, before autovacuum caught up.
const SECRETS_KEY = Buffer.alloc(32, 13).toString("base64");
const CONTACTS = ANALYZE_AFTER_ROWS + 200;
let gw: ShareableTestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY, SYNC_PAGE_SIZE: "1000" }));
});
afterAll(() => close());

/** What the planner believes a table holds (pg_class.reltuples: -1 or 0 until the table is first analysed). */
async function plannedRows(table: string): Promise<number> {
  const rows = await gw.db.$queryRawUnsafe<Array<{ rows: number }>>(`SELECT reltuples::float8 AS rows FROM pg_class WHERE relname = $1`, table);
  return rows[0]?.rows ?? -1;
}

test("a run that writes many rows leaves the planner knowing them: the snapshot's tables and the accounts' links", async () => {
  psa.companies.push({ id: 300, name: "Acme Corp" });
  for (let i = 1; i <= CONTACTS; i++) psa.contacts.push({ id: i, first: "Person", last: `${i}`, emails: [`person${i}@acme.com`], companyId: 300 });
  const firm = await connectPsa(gw.db, await createFirm(gw.db), "connectwise", connectwiseSettings, SECRETS_KEY);
  await gw.db.$executeRawUnsafe(
    `INSERT INTO "PortalAccount" (id, "firmId", email, status, "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, 'person' || g || '@acme.com', 'active', now() FROM generate_series(1, ${CONTACTS}) g`,
    firm.id,
  );
  expect(await plannedRows("PsaContactSnapshot")).toBeLessThan(CONTACTS);

  const run = await syncNow(gw, firm);

  expect(run).toMatchObject({ kind: "finished", status: "succeeded", counts: { added: CONTACTS + 1, linked: CONTACTS } });
  expect(await plannedRows("PsaContactSnapshot")).toBeGreaterThanOrEqual(CONTACTS);
  expect(await plannedRows("PsaAccountLink")).toBeGreaterThanOrEqual(CONTACTS);
});
