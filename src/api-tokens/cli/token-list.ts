import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { defineCommand, done } from "../../platform/cli/command";
import { firmForCommand } from "../../firms/find-firm";
import { listApiTokens } from "../use-cases/manage-api-tokens";
import type { ApiTokenView } from "../use-cases/manage-api-tokens";

const describe = (token: ApiTokenView) =>
  [token.id, token.prefix + "…", token.role, token.name, `last used ${token.lastUsedAt?.toISOString() ?? "never"}`, token.revokedAt ? `revoked ${token.revokedAt.toISOString()} by ${token.revokedBy}` : "active"].join("\t");

/** `token list --firm SLUG`: the firm's API tokens (never the tokens themselves), newest first. */
export const tokenList = defineCommand({
  name: ["token", "list"],
  summary: "list a firm's API tokens: id, first characters, role, name, last use, revoked or not",
  options: [{ flags: "--firm <slug>", description: "the firm's slug", required: true }],
  input: z.object({ firm: z.string() }),
  async run(deps: { db: Db }, input) {
    const firm = await firmForCommand(deps.db, input.firm);
    if (!firm.ok) return firm.error;
    const tokens = await listApiTokens(deps.db, { firmId: firm.value.id, limit: 1000 });
    return done(tokens.length ? tokens.map(describe) : [`${firm.value.slug} has no API tokens.`], { tokens });
  },
});
