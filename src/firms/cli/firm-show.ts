import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { defineCommand, done } from "../../platform/cli/command";
import { firmForCommand } from "../find-firm";
import { describeFirm } from "../use-cases/describe-firms";

/** `firm show SLUG`: one firm in full (never a secret). */
export const firmShow = defineCommand({
  name: ["firm", "show"],
  summary: "show one firm: slug, former slugs, domains, PSA, clients, staff, API tokens, turned off or not",
  arguments: [{ name: "slug", description: "the firm's slug (a former slug works too)" }],
  input: z.object({ slug: z.string() }),
  async run(deps: { db: Db }, input) {
    const found = await firmForCommand(deps.db, input.slug);
    if (!found.ok) return found.error;
    const firm = await describeFirm(deps.db, found.value);
    const lines = [
      `${firm.name} (${firm.slug}), id ${firm.id}, created ${firm.createdAt.toISOString()}`,
      `portal:       /portal/${firm.slug}${firm.disabledAt ? `: TURNED OFF ${firm.disabledAt.toISOString()} by ${firm.disabledBy ?? "?"}` : ""}`,
      `former slugs: ${firm.formerSlugs.join(", ") || "none"}`,
      `domains:      ${firm.domains.join(", ") || "none"}`,
      `PSA:          ${firm.psa ?? "not connected"}`,
      `clients:      ${firm.clients.active} active, ${firm.clients.invited} invited, ${firm.clients.disabled} turned off`,
      `staff:        ${firm.staff}`,
      `API tokens:   ${firm.apiTokens} in use`,
      `logo:         ${firm.logo ? `${firm.logo.contentType}, ${Math.ceil(firm.logo.bytes / 1024)} KB, sha256 ${firm.logo.sha256.slice(0, 12)}` : "none (the portal shows the firm's name)"}`,
    ];
    return done(lines, { firm });
  },
});
