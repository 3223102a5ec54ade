import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { defineCommand, done } from "../../platform/cli/command";
import { operatorActor } from "../../accounts/actor";
import type { FirmDirectory } from "../firm-directory";
import { firmForCommand } from "../find-firm";
import { setFirmAvailability } from "../use-cases/change-firm";

const availability = (available: boolean) =>
  defineCommand({
    name: ["firm", available ? "enable" : "disable"],
    summary: available
      ? "turn a firm's portal back on, as it was"
      : "turn a firm's portal off: every page and API token answers \"not available\"; nothing is deleted",
    arguments: [{ name: "slug", description: "the firm's slug" }],
    help: "A running gateway notices within FIRM_CACHE_SECONDS.",
    input: z.object({ slug: z.string() }),
    async run(deps: { db: Db; directory: FirmDirectory }, input) {
      const found = await firmForCommand(deps.db, input.slug);
      if (!found.ok) return found.error;
      const firm = await setFirmAvailability(deps, { firm: found.value, actor: operatorActor, available });
      const state = { slug: firm.slug, disabled: firm.disabledAt !== null, disabledAt: firm.disabledAt?.toISOString() ?? null };
      const line = available
        ? `${firm.name}'s portal is on: /portal/${firm.slug} answers again.`
        : `${firm.name}'s portal is off: /portal/${firm.slug} answers "not available". Accounts, links and settings are kept; \`firm enable ${firm.slug}\` turns it back on.`;
      return done([line], { firm: state });
    },
  });

/** `firm disable SLUG` and `firm enable SLUG`. */
export const firmDisable = availability(false);
export const firmEnable = availability(true);
