import nock from "nock";
import { createFirmConnectors } from "../../../src/psa/firm-connectors";
import { createLogger } from "../../../src/platform/logger";
import { decodeSecretKey } from "../../../connectors/shared/secrets";
import { startFakeConnectwise } from "../../helpers/fake-connectwise";
import { connectwiseFirmRow } from "../../helpers/connector-firm";
import { eventually } from "../../helpers/links";

const key = decodeSecretKey(Buffer.alloc(32, 4).toString("base64"));
const firm = connectwiseFirmRow(key, "6f1d2a7e-0000-4000-8000-000000000001", "Closing Firm");

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

describe("stopping the gateway stops its PSA calls", () => {
  test("a call waiting to retry a failing PSA ends at once, and no further request is sent", async () => {
    const psa = startFakeConnectwise();
    psa.mode = "down";
    const connectors = createFirmConnectors({ secretsKey: key, logger: createLogger("silent"), projectRoot: process.cwd(), timeoutMs: 5_000 });
    try {
      const connector = connectors.forFirm(firm);
      if (!connector.ok) throw new Error(connector.error.message);
      const pending = connector.value.findContactsByEmail("jane@acme.com");
      await eventually(async () => psa.calls.contacts >= 1);
      connectors.close();
      const result = await pending;
      expect(result).toMatchObject({ ok: false });
      expect(psa.calls.contacts).toBe(1);
      // And nothing new leaves the process afterwards.
      expect(await connector.value.findContactsByEmail("omar@acme.com")).toMatchObject({ ok: false });
      expect(psa.calls.total).toBe(1);
    } finally {
      connectors.close();
      psa.stop();
    }
  });
});
