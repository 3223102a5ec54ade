import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { defineCommand, done, failed } from "../../platform/cli/command";
import { operatorActor } from "../../accounts/actor";
import { firmForCommand } from "../../firms/find-firm";
import { revokeApiToken } from "../use-cases/manage-api-tokens";

/** `token revoke --firm SLUG ID`: the token stops working on its next request. */
export const tokenRevoke = defineCommand({
  name: ["token", "revoke"],
  summary: "revoke one of a firm's API tokens (by the id `token list` shows)",
  arguments: [{ name: "id", description: "the token's id" }],
  options: [{ flags: "--firm <slug>", description: "the firm's slug", required: true }],
  input: z.object({ firm: z.string(), id: z.string() }),
  async run(deps: { db: Db }, input) {
    const firm = await firmForCommand(deps.db, input.firm);
    if (!firm.ok) return firm.error;
    const revoked = await revokeApiToken(deps.db, { firmId: firm.value.id, actor: operatorActor, tokenId: input.id });
    if (!revoked.ok) return failed(revoked.error.code, `${firm.value.slug} has no API token with the id "${input.id.slice(0, 40)}".`, `\`npm run cli -- token list --firm ${firm.value.slug}\` shows its tokens.`);
    return done([`Revoked "${revoked.value.name}" (${revoked.value.prefix}…): it no longer works.`], { token: revoked.value });
  },
});
