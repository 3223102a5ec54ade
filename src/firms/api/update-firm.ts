import { z } from "zod";
import type { Config } from "../../../config";
import type { Db } from "../../platform/db/prisma";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import type { ApiAnswer } from "../../platform/admin-api/endpoint";
import { actorOf, defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import type { FirmDirectory } from "../firm-directory";
import { firmFieldWords } from "../firm-words";
import { renameFirm, renameFirmSlug } from "../use-cases/change-firm";
import { describeFirm } from "../use-cases/describe-firms";
import { firmView, firmViewOf } from "./firm-views";

/** PATCH /api/admin/v1/firm: the firm's name and slug (the old slug keeps redirecting). Owners and admins. */
export const updateFirm = defineAdminEndpoint({
  method: "patch",
  path: "/firm",
  tag: "firm",
  summary: "Change the firm's name and/or slug; a former slug keeps redirecting and stays the firm's",
  roles: "owners and admins",
  body: z.object({
    name: z.string().max(200).optional().describe("what clients read on every page and email: 2 to 120 characters"),
    slug: z.string().max(80).optional().describe("2 to 40 lowercase letters, digits and single hyphens; not reserved, not taken"),
  }),
  response: firmView,
  errors: ["owners_and_admins_only"],
  async handle(deps: { db: Db; config: Config; directory: FirmDirectory }, { caller, body }): Promise<ApiAnswer> {
    const actor = actorOf(caller);
    let firm = caller.firm;
    if (body.name === undefined && body.slug === undefined) return refuse("validation_failed", "Send name, slug or both.");
    if (body.name !== undefined) {
      const renamed = await renameFirm(deps, { firm, actor, name: body.name });
      if (!renamed.ok) return renamed.error.code === "validation_failed" ? refuse("validation_failed", firmFieldWords(renamed.error, body.name), "name") : refuse(renamed.error.code);
      firm = renamed.value;
    }
    if (body.slug !== undefined && body.slug.trim().toLowerCase() !== firm.slug) {
      const moved = await renameFirmSlug(deps, { firm, actor, newSlug: body.slug });
      if (!moved.ok) return moved.error.code === "validation_failed" ? refuse("validation_failed", firmFieldWords(moved.error, body.slug), "slug") : refuse(moved.error.code);
      firm = moved.value.firm;
    }
    return answer(firmViewOf(deps.config, firm, await describeFirm(deps.db, firm)));
  },
});
