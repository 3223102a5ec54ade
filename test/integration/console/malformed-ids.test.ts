import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createPortalAccount } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";

let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => ({ gw, firm, base } = await startGatewayWithFirm()));
afterAll(() => gw.close());

// Ids a hand-edited URL or a scanner sends: the length of a UUID without being one, and the usual odd shapes.
const notUuids = [
  "x".repeat(36),
  "-".repeat(36),
  "00000000-0000-0000-0000-00000000000g",
  "0000000000000000000000000000000000000",
  "00000000_0000_0000_0000_000000000000",
  "1",
  "%27%20OR%201%3D1--",
];

const actions = [
  { path: "clients/ID/unlock", form: {} },
  { path: "clients/ID/access", form: { access: "off", reason: "test" } },
  { path: "clients/ID/template", form: { template: "owner" } },
  { path: "accounts/ID/recheck", form: {} },
  { path: "accounts/ID/date-of-birth", form: { dateOfBirth: "1980-01-02" } },
];

describe("ids in console URLs are checked at the edge", () => {
  test.each(actions)("POST admin/$path answers 404 'No such client' for an id that is not a UUID, and changes nothing", async ({ path, form }) => {
    const account = await createPortalAccount(gw.db, firm);
    const admin = await signedInStaff(gw, firm, "owner");
    const csrf = csrfFrom((await admin.get(`${base}/admin`)).text);
    for (const id of notUuids) {
      const res = await admin.post(`${base}/admin/${path.replace("ID", id)}`).type("form").send({ _csrf: csrf, ...form });
      expect({ id, status: res.status }).toEqual({ id, status: 404 });
      expect(res.text).toContain("No such client");
    }
    expect(await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).toEqual(account);
  });

  test("a real client's id still works (the check lets every UUID through)", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const admin = await signedInStaff(gw, firm, "owner");
    const csrf = csrfFrom((await admin.get(`${base}/admin`)).text);
    const res = await admin.post(`${base}/admin/clients/${account.id.toUpperCase()}/unlock`).type("form").send({ _csrf: csrf });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`Sign-in unlocked for ${account.email}`);
  });

  test("a webhook address whose firm id is not a UUID is the plain 404", async () => {
    for (const id of notUuids) {
      const res = await gw.agent().post(`/webhooks/psa/${id}/secret`).send({});
      expect({ id, status: res.status }).toEqual({ id, status: 404 });
    }
  });
});
