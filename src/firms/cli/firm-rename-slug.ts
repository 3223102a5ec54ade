import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { defineCommand, done, failed } from "../../platform/cli/command";
import { operatorActor } from "../../accounts/actor";
import type { FirmDirectory } from "../firm-directory";
import { firmForCommand } from "../find-firm";
import { firmFieldWords } from "../firm-words";
import { renameFirmSlug } from "../use-cases/change-firm";

/** `firm rename-slug SLUG NEW`: the portal moves; links with the old slug keep redirecting to the new one. */
export const firmRenameSlug = defineCommand({
  name: ["firm", "rename-slug"],
  summary: "give a firm a new slug; the old one keeps redirecting (links already sent keep working)",
  arguments: [
    { name: "slug", description: "the firm's slug now" },
    { name: "newSlug", description: "its new slug" },
  ],
  input: z.object({ slug: z.string(), newSlug: z.string() }),
  async run(deps: { db: Db; directory: FirmDirectory }, input) {
    const found = await firmForCommand(deps.db, input.slug);
    if (!found.ok) return found.error;
    const renamed = await renameFirmSlug(deps, { firm: found.value, actor: operatorActor, newSlug: input.newSlug });
    if (!renamed.ok) return failed(renamed.error.code, renamed.error.code === "validation_failed" ? firmFieldWords(renamed.error, input.newSlug) : "Not renamed.");
    const { firm, formerSlug } = renamed.value;
    return done([`${firm.name} is now at /portal/${firm.slug}; /portal/${formerSlug} redirects there.`], { firm: { id: firm.id, slug: firm.slug, name: firm.name }, formerSlug });
  },
});
