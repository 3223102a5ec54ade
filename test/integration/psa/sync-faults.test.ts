import type { Firm, PortalAccount } from "../../../src/generated/prisma/client";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount } from "../../helpers/seed";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa, PageFault } from "../../helpers/fake-connectwise";
import { syncNow } from "../../helpers/sync";

// A PSA that fails mid-run, rate limits, answers a malformed page or nothing at all: the run ends failed with the
// reason, no account changes, and the next run carries on from where it stopped.
const SECRETS_KEY = Buffer.alloc(32, 13).toString("base64");
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY, SYNC_PAGE_SIZE: "2" }));
});
afterAll(() => close());

let nextId = 1000;
/** A firm whose PSA has four contacts in Acme (two pages), each with a portal account, synced once. */
async function syncedFirm(): Promise<{ firm: Firm; accounts: PortalAccount[]; ids: number[] }> {
  psa.faults.length = 0;
  psa.emptyListings = false;
  const company = nextId++;
  psa.companies.push({ id: company, name: `Acme ${company}` });
  const ids = [nextId++, nextId++, nextId++, nextId++];
  for (const id of ids) psa.contacts.push({ id, first: "Client", last: String(id), emails: [`c${id}@acme.com`], companyId: company });
  const created = await createFirm(gw.db, { settings: { sync: { massDisablePercent: 100 } } });
  const firm = await connectPsa(gw.db, created, "connectwise", connectwiseSettings, SECRETS_KEY);
  const accounts = await Promise.all(ids.map((id) => createPortalAccount(gw.db, firm, { email: `c${id}@acme.com` })));
  expect(await syncNow(gw, firm)).toMatchObject({ status: "succeeded", counts: { linked: 4 } });
  return { firm, accounts, ids };
}

/** The PSA archives the firm's first contact (on the first page); the rest is unchanged. */
function archiveFirstContact(ids: number[]) {
  const first = psa.contacts.find((c) => c.id === ids[0]);
  if (first) Object.assign(first, { inactive: true, updatedAt: "2026-11-30T12:00:00Z" });
}

/** The page of the firm's contacts listing that holds its second pair (ids sort after every earlier firm's). */
const secondPage = (ids: number[]) => Math.ceil((psa.contacts.filter((c) => c.id < (ids[2] ?? 0)).length + 1) / 2);

const statusOf = async (account: PortalAccount) => (await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).status;

async function failThenResume(fault: Omit<PageFault, "listing" | "page">, errorCode: string) {
  const { firm, accounts, ids } = await syncedFirm();
  archiveFirstContact(ids);
  const page = secondPage(ids);
  psa.faults.push({ listing: "contacts", page, ...fault });
  const failed = await syncNow(gw, firm);
  expect(failed).toMatchObject({ kind: "finished", status: "failed", errorCode, counts: { disabled: 0 } });
  expect(await statusOf(accounts[0] as PortalAccount)).toBe("active");

  psa.faults.length = 0;
  psa.pages.length = 0;
  const resumed = await syncNow(gw, firm);
  expect(resumed).toMatchObject({ kind: "finished", status: "succeeded", counts: { disabled: 1 } });
  expect(psa.pages[0]).toBe(`contacts:${page}`);
  expect(await statusOf(accounts[0] as PortalAccount)).toBe("disabled");
  expect(await statusOf(accounts[1] as PortalAccount)).toBe("active");
}

describe("faults mid-run", () => {
  test("a PSA that fails mid-run (503 after the client's retries): failed, nobody disabled; the next run resumes and applies", async () => {
    await failThenResume({ reply: "503" }, "psa_unavailable");
  });

  test("a 429 asking for longer than a run waits: failed as rate limited; the next run resumes", async () => {
    await failThenResume({ reply: "429", retryAfterSeconds: 600 }, "psa_rate_limited");
  });

  test("a malformed page: failed, the page is named; the next run resumes", async () => {
    await failThenResume({ reply: "malformed" }, "psa_unexpected_payload");
  });

  test("a short 429 is waited out and the run succeeds", async () => {
    const { firm, ids } = await syncedFirm();
    psa.faults.push({ listing: "contacts", page: secondPage(ids), reply: "429", retryAfterSeconds: 1, times: 1 });
    expect(await syncNow(gw, firm)).toMatchObject({ kind: "finished", status: "succeeded" });
  });
});

describe("an empty PSA answer", () => {
  test("is suspicious, not 'everyone left': the full run fails, nothing is archived, nobody is disabled", async () => {
    const { firm, accounts } = await syncedFirm();
    const live = () => gw.db.psaContactSnapshot.count({ where: { firmId: firm.id, archivedAt: null } });
    const before = await live();
    psa.emptyListings = true;
    const run = await syncNow(gw, firm);
    expect(run).toMatchObject({ kind: "finished", status: "failed", errorCode: "psa_empty", counts: { removed: 0, disabled: 0 } });
    expect(before).toBeGreaterThanOrEqual(4);
    expect(await live()).toBe(before);
    for (const account of accounts) expect(await statusOf(account)).toBe("active");
    psa.emptyListings = false;
  });
});
