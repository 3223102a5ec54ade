import nock from "nock";
import { createFirmConnectors } from "../../../src/psa/firm-connectors";
import { createLogger } from "../../../src/platform/logger";
import { decodeSecretKey } from "../../../connectors/shared/secrets";
import { startFakeConnectwise } from "../../helpers/fake-connectwise";
import { connectwiseFirmRow } from "../../helpers/connector-firm";

const key = decodeSecretKey(Buffer.alloc(32, 5).toString("base64"));
const firm = connectwiseFirmRow(key, "6f1d2a7e-0000-4000-8000-000000000002", "Busy Firm");

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

describe("a firm's PSA request budget, shared by the sync and page loads, page loads first", () => {
  test("the sync's connector spends only its share of ConnectWise's 900 a minute; page loads keep getting through", async () => {
    const psa = startFakeConnectwise();
    psa.contacts.push({ id: 1, first: "Jane", last: "Smith", emails: ["jane@acme.com"], companyId: null });
    // 1 % of 900: the sync may send 9 requests a minute.
    const connectors = createFirmConnectors({ secretsKey: key, logger: createLogger("silent"), projectRoot: process.cwd(), timeoutMs: 5_000, backgroundShare: 0.01 });
    try {
      const sync = connectors.forFirm(firm, "background");
      const page = connectors.forFirm(firm);
      if (!sync.ok || !page.ok) throw new Error("no connector");
      expect(sync.value).not.toBe(page.value);
      const listed = [];
      for (let i = 0; i < 12; i++) listed.push(await sync.value.listContacts({ pageSize: 1 }));
      expect(listed.filter((r) => r.ok)).toHaveLength(9);
      expect(listed[11]).toMatchObject({ ok: false, error: { code: "psa_rate_limited", message: expect.stringContaining("background work's share") } });
      expect(psa.calls.contacts).toBe(9);

      for (let i = 0; i < 20; i++) expect(await page.value.findContactsByEmail("jane@acme.com")).toMatchObject({ ok: true });
      expect(psa.calls.contacts).toBe(29);
    } finally {
      connectors.close();
      psa.stop();
    }
  });
});
