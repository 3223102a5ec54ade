import { DEMO_PASSWORD, demoFirm } from "../../../config/demo";
import { portalTemplates } from "../../../config/templates";
import { ensureDemoFirm } from "../../../src/firms/ensure-demo-firm";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { signIn } from "../../helpers/forms";

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

/** What a demo client's portal shows: the template, the companies, and whether a budget is in the answer. */
async function demoView(email: string) {
  const agent = gw.agent();
  expect((await signIn(agent, `/portal/${demoFirm.slug}`, email, DEMO_PASSWORD)).status).toBe(303);
  const api = await agent.get(`/portal/${demoFirm.slug}/api/projects`);
  expect(api.status).toBe(200);
  return { template: api.body.template as string, company: api.body.company.name as string, budget: JSON.stringify(api.body.projects).includes('"budget"') };
}

describe("the demo firm (npm start's first run)", () => {
  test("shows every portal template: Acme on the firm's Owner, Beacon on Contractor, Cobalt on Engineer, Delta on Architect", async () => {
    expect((await ensureDemoFirm(gw.db)).created).toBe(true);
    const omar = await demoView("omar@acme.com");
    expect(omar).toEqual({ template: "owner", company: "Acme Corp", budget: true });
    const carl = await demoView("carl@beaconbuilders.com");
    expect(carl).toEqual({ template: "contractor", company: "Beacon Builders", budget: false });
    const pat = await demoView("pat@deltadental.com");
    expect(pat.template).toBe("architect");
    // In two companies, Dana lands on the one of her own email's domain (cobaltcivil.com), Cobalt Civil on Engineer.
    const dana = await demoView("dana@cobaltcivil.com");
    expect(dana).toEqual({ template: "engineer", company: "Cobalt Civil", budget: false });
    const settings = await gw.db.companyPortalSetting.findMany({ where: { firm: { slug: demoFirm.slug } } });
    const shown = new Set([...settings.map((row) => row.template), "owner"]);
    expect([...shown].sort()).toEqual([...portalTemplates].sort());
  });

  test("a restart finds the demo firm and changes nothing", async () => {
    const before = await gw.db.companyPortalSetting.count();
    expect((await ensureDemoFirm(gw.db)).created).toBe(false);
    expect(await gw.db.companyPortalSetting.count()).toBe(before);
  });
});
