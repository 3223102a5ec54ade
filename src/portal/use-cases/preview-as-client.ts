import type { Firm, PortalAccount } from "../../generated/prisma/client";
import type { Actor } from "../../accounts/actor";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { clientOfFirm } from "../../console/client-of-firm";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";
import { decidePortalAccess } from "./decide-portal-access";
import type { DecideAccessDeps, PortalAccess } from "./decide-portal-access";

/** What a staff member looked at in a preview: the client's list of projects, or one of their projects. */
export type PreviewedPage = { page: "projects" } | { page: "project"; projectId: string };

/** A preview closes no client's flags: nothing is remembered for it. */
const noMemory = { has: () => true, set: () => undefined, delete: () => undefined };

/**
 * "Preview as this client": the client's portal decided exactly as on their own page load (their companies, their
 * template), observe-only (no access flag raised or closed). It is staff reading a client's data, so every page of
 * it is recorded in the staff-action log (who, which client, which page, when) before anything is shown. Another
 * firm's client reads as no such client, and leaves no record.
 */
export async function previewAsClient(
  deps: Omit<DecideAccessDeps, "recentlyClear">,
  input: { firm: Firm; actor: Actor; accountId: string; chosenCompany?: string; viewing: PreviewedPage },
): Promise<Result<{ account: PortalAccount; access: PortalAccess }, Failure<"client_not_found">>> {
  const found = await clientOfFirm(deps.db, input.firm.id, input.accountId);
  if (!found.ok) return fail("client_not_found");
  const account = found.value;
  const viewing = input.viewing.page === "project" ? { page: "project", projectId: input.viewing.projectId.slice(0, 100) } : input.viewing;
  const company = input.chosenCompany ? { company: input.chosenCompany.slice(0, 100) } : {};
  await recordStaffAction(deps.db, { firmId: input.firm.id, actor: input.actor, action: "client_previewed", subject: account.email, after: { ...viewing, ...company } });
  const access = await decidePortalAccess({ ...deps, recentlyClear: noMemory }, { firm: input.firm, account, chosenCompany: input.chosenCompany, observeOnly: true });
  return ok({ account, access });
}
