import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { defineCommand, done, failed } from "../../platform/cli/command";
import { operatorActor } from "../../accounts/actor";
import { firmForCommand } from "../../firms/find-firm";
import { createApiToken } from "../use-cases/manage-api-tokens";

/** `token create --firm SLUG --role ROLE --name NAME`: a token for the firm's admin API, shown this once. */
export const tokenCreate = defineCommand({
  name: ["token", "create"],
  summary: "make an API token for one firm, with a staff role (shown once)",
  options: [
    { flags: "--firm <slug>", description: "the firm's slug", required: true },
    { flags: "--role <role>", description: "owner, admin or support: what the token may do, as staff of that role", required: true },
    { flags: "--name <name>", description: "what the token is for, e.g. \"IT onboarding script\"", required: true },
  ],
  help: "The token is printed once; only its SHA-256 is kept. Send it as `Authorization: Bearer <token>` to /api/admin/v1.",
  input: z.object({ firm: z.string(), role: z.enum(["owner", "admin", "support"], "must be owner, admin or support"), name: z.string().trim().min(1).max(80) }),
  async run(deps: { db: Db }, input) {
    const firm = await firmForCommand(deps.db, input.firm);
    if (!firm.ok) return firm.error;
    const created = await createApiToken(deps.db, { firm: firm.value, actor: operatorActor, name: input.name, role: input.role });
    if (!created.ok) return failed(created.error.code, "The token was not made: check the name and role.");
    const { token, view } = created.value;
    return done(
      [`API token "${view.name}" for ${firm.value.slug} (${view.role}), id ${view.id}:`, "", `  ${token}`, "", "Copy it now: it is shown only this once."],
      { token, ...view, firm: firm.value.slug },
    );
  },
});
