import crypto from "node:crypto";
import type { Firm } from "../../src/generated/prisma/client";
import type { TestGateway } from "./test-gateway";
import { createStaffAccount, TEST_PASSWORD } from "./seed";
import { csrfFrom } from "./forms";

/** A staff member of `firm`, signed in on the staff console: the agent carries their session. */
export async function signedInStaff(gw: TestGateway, firm: Firm, role: "owner" | "admin" | "support" = "admin"): Promise<ReturnType<TestGateway["agent"]>> {
  const { email } = await createStaffAccount(gw.db, firm, { role, email: `${role}-${crypto.randomBytes(3).toString("hex")}@firm.example` });
  const agent = gw.agent();
  const login = await agent.get(`/portal/${firm.slug}/admin/login`);
  const signedIn = await agent.post(`/portal/${firm.slug}/admin/login`).type("form").send({ _csrf: csrfFrom(login.text), email, password: TEST_PASSWORD });
  if (signedIn.status !== 303) throw new Error(`staff sign-in failed: ${signedIn.status}`);
  return agent;
}
