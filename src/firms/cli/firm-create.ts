import { z } from "zod";
import type { Config } from "../../../config";
import type { Db } from "../../platform/db/prisma";
import { defineCommand, done, failed } from "../../platform/cli/command";
import { operatorActor } from "../../accounts/actor";
import { createFirm } from "../use-cases/create-firm";
import type { CreateFirmDeps, CreatedFirm } from "../use-cases/create-firm";
import { firmFieldWords } from "../firm-words";

type Deps = { db: Db; config: Config; kickMail(): void; mailNow?: CreateFirmDeps["mailNow"] };

function emailLine(created: CreatedFirm): string {
  if (!created.emailed) return "Not emailed (no SMTP_URL is set): hand the link over yourself.";
  return created.emailed.sent ? `Also emailed to ${created.owner.email}.` : `Emailing it failed (${created.emailed.error}): hand the link over yourself.`;
}

/** `firm create --slug SLUG --name NAME --owner EMAIL [--domain HOST]`: onboard a firm and invite its first owner. */
export const firmCreate = defineCommand({
  name: ["firm", "create"],
  summary: "create a firm and its first owner; prints the owner's one-hour staff invite link",
  options: [
    { flags: "--slug <slug>", description: "where its portal lives: /portal/<slug> (lowercase letters, digits, hyphens)", required: true },
    { flags: "--name <name>", description: "the firm's name, as its clients read it", required: true },
    { flags: "--owner <email>", description: "the first owner's email address", required: true },
    { flags: "--domain <host>", description: "the firm's own host name for its portal, e.g. portal.example.com" },
  ],
  help: "The owner's invite link is printed (hand it over) and, when SMTP_URL is set, also emailed. It lasts one hour;\n`npm run cli -- staff invite` sends a fresh one.",
  input: z.object({ slug: z.string(), name: z.string(), owner: z.string(), domain: z.string().optional() }),
  async run(deps: Deps, input) {
    const created = await createFirm(deps, { slug: input.slug, name: input.name, ownerEmail: input.owner, domain: input.domain, actor: operatorActor });
    if (!created.ok) {
      const { error } = created;
      if (error.code === "email_invalid") return failed("email_invalid", `"${error.typed}" is not an email address: check the --owner address.`);
      const typed = error.field === "slug" ? input.slug : error.field === "domain" ? (input.domain ?? "") : input.name;
      return failed("validation_failed", firmFieldWords(error, typed), error.field === "slug" && error.problem === "taken" ? "`npm run cli -- firm list` shows the slugs in use." : undefined);
    }
    const { firm, owner, invite, emailed } = created.value;
    return done(
      [
        `Created ${firm.name} at /portal/${firm.slug}${input.domain ? ` (and ${input.domain.trim().toLowerCase()})` : ""}.`,
        `Owner ${owner.email} is invited; their staff invite link (one hour, one use):`,
        "",
        `  ${invite.url}`,
        "",
        emailLine(created.value),
      ],
      { firm: { id: firm.id, slug: firm.slug, name: firm.name }, owner: { id: owner.id, email: owner.email, role: owner.role }, invite: { url: invite.url, expiresAt: invite.expiresAt.toISOString() }, emailed },
    );
  },
});
