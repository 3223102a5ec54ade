import { z } from "zod";
import type { Config } from "../../../config";
import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { actorOf, defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import type { FirmDirectory } from "../firm-directory";
import { firmFieldWords } from "../firm-words";
import { addFirmDomain, removeFirmDomain } from "../use-cases/firm-identity";
import { describeFirm } from "../use-cases/describe-firms";
import { firmView, firmViewOf } from "./firm-views";

type Deps = { db: Db; config: Config; directory: FirmDirectory };

async function firmNow(deps: Deps, firm: Firm) {
  // A running gateway serves a domain from its firm cache: forget the firm so the change shows at once here.
  deps.directory.forget(firm.id);
  return answer(firmViewOf(deps.config, firm, await describeFirm(deps.db, firm)));
}

/** POST /api/admin/v1/firm/domains: the firm's portal also answers on a host name of its own. Owners and admins. */
export const addFirmDomainEndpoint = defineAdminEndpoint({
  method: "post",
  path: "/firm/domains",
  tag: "firm",
  summary: "Add a custom domain: the portal answers at https://<domain>/portal once its DNS points at the gateway (links use the oldest domain)",
  roles: "owners and admins",
  body: z.object({ domain: z.string().max(300).describe("a host name such as portal.yourfirm.com: no scheme, port or path") }),
  response: firmView,
  successStatus: 201,
  errors: ["owners_and_admins_only"],
  async handle(deps: Deps, { caller, body }) {
    const added = await addFirmDomain(deps, { firm: caller.firm, actor: actorOf(caller), domain: body.domain });
    if (!added.ok) return added.error.code === "owners_and_admins_only" ? refuse("owners_and_admins_only") : refuse("validation_failed", firmFieldWords(added.error, body.domain), "domain");
    return firmNow(deps, caller.firm);
  },
});

/** DELETE /api/admin/v1/firm/domains/{domain}: the portal stops answering on that host. Owners and admins. */
export const removeFirmDomainEndpoint = defineAdminEndpoint({
  method: "delete",
  path: "/firm/domains/{domain}",
  tag: "firm",
  summary: "Remove a custom domain: the portal stops answering there at once (its links fall back to the next domain, or the gateway's address)",
  roles: "owners and admins",
  params: z.object({ domain: z.string().max(300) }),
  response: firmView,
  errors: ["owners_and_admins_only", "not_found"],
  async handle(deps: Deps, { caller, params }) {
    const removed = await removeFirmDomain(deps.db, { firm: caller.firm, actor: actorOf(caller), domain: params.domain });
    if (!removed.ok) return removed.error.code === "not_found" ? refuse("not_found", `${params.domain.slice(0, 80)} is not one of this firm's domains.`) : refuse("owners_and_admins_only");
    return firmNow(deps, caller.firm);
  },
});
