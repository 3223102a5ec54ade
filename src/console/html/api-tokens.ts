import type { Response } from "express";
import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { errorCatalogue } from "../../platform/errors";
import { readForm, readParams, text, uuid } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { staffActor } from "../../accounts/actor";
import { grantableRoles, isOwnerOrAdmin } from "../../accounts/staff-roles";
import { consoleWords } from "./words";
import { consoleChrome } from "./console-chrome";
import { createApiToken, listApiTokens, revokeApiToken } from "../../api-tokens/use-cases/manage-api-tokens";
import type { TokenFailure } from "../../api-tokens/use-cases/manage-api-tokens";
import { apiTokensPage } from "./api-tokens-page";
import type { ApiTokensPageOptions } from "./api-tokens-page";

type Outcome = Pick<ApiTokensPageOptions, "created" | "notice" | "alert"> & { status?: number };

async function render(db: Db, req: StaffRequest, res: Response, outcome: Outcome = {}): Promise<void> {
  const { staff } = req.principal;
  const tokens = await listApiTokens(db, { firmId: req.tenant.firm.id, limit: 200 });
  res.status(outcome.status ?? 200).type("html").send(
    apiTokensPage({
      ...(await consoleChrome(db, req, "apiTokens")),
      tokens,
      canManage: isOwnerOrAdmin(staff),
      roles: grantableRoles[staff.role],
      ...outcome,
    }),
  );
}

function failureWords(failure: TokenFailure): string {
  if (failure.code === "owners_and_admins_only") return consoleWords.ownersAndAdminsOnly("manage API tokens");
  if (failure.code === "role_not_allowed") return consoleWords.roleNotAllowed(failure.role);
  return "Say what the token is for (up to 80 characters).";
}

/** GET /portal/{slug}/admin/api-tokens: the firm's tokens; owners and admins make and revoke them here. */
export function showApiTokens(db: Db): Handler<StaffRequest> {
  return (req, res) => render(db, req, res);
}

const createForm = z.object({ name: text, role: text });

/** POST /portal/{slug}/admin/api-tokens: a new token, shown on the page that answers, once. */
export function makeApiToken(db: Db): Handler<StaffRequest> {
  return async (req, res) => {
    const form = readForm(req, createForm);
    const created = await createApiToken(db, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), name: form.name, role: form.role });
    if (!created.ok) return render(db, req, res, { status: errorCatalogue[created.error.code].status, alert: failureWords(created.error) });
    return render(db, req, res, { created: { name: created.value.view.name, token: created.value.token } });
  };
}

const tokenParams = z.object({ tokenId: uuid });

/** POST /portal/{slug}/admin/api-tokens/:tokenId/revoke: the token stops working on its next request. */
export function revokeApiTokenHandler(db: Db): Handler<StaffRequest> {
  return async (req, res) => {
    const revoked = await revokeApiToken(db, { firmId: req.tenant.firm.id, actor: staffActor(req.principal.staff), tokenId: readParams(req, tokenParams).tokenId });
    if (!revoked.ok) {
      const alert = revoked.error.code === "owners_and_admins_only" ? consoleWords.ownersAndAdminsOnly("revoke API tokens") : "No API token of this firm has that id.";
      return render(db, req, res, { status: errorCatalogue[revoked.error.code].status, alert });
    }
    return render(db, req, res, { notice: `Revoked "${revoked.value.name}": it no longer works.` });
  };
}
