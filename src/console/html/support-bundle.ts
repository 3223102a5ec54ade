import { z } from "zod";
import { sendError } from "../../platform/http/send-error";
import { readParams, uuid } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { staffActor } from "../../accounts/actor";
import type { DiagnoseDeps } from "../use-cases/diagnose-client-access";
import { buildSupportBundle } from "../use-cases/support-bundle";

/** GET /portal/{slug}/admin/clients/{id}/bundle: the client's support bundle as a JSON download (any staff). */
export function downloadSupportBundle(deps: DiagnoseDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const { accountId } = readParams(req, z.object({ accountId: uuid }), "client_not_found");
    const bundle = await buildSupportBundle(deps, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), accountId });
    if (!bundle.ok) return sendError(req, res, bundle.error.code);
    const name = bundle.value.address.replace(/[^a-z0-9.@_-]/gi, "_");
    res.status(200).type("application/json").attachment(`support-bundle-${name}-${bundle.value.generatedAt.slice(0, 10)}.json`).send(JSON.stringify(bundle.value, null, 2));
  };
}
