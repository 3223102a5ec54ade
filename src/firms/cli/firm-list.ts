import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { defineCommand, done } from "../../platform/cli/command";
import { listFirms } from "../use-cases/describe-firms";

/** `firm list`: every firm on this gateway, with its slug (the name every other command takes). */
export const firmList = defineCommand({
  name: ["firm", "list"],
  summary: "list every firm: slug, name, and whether its portal is turned off",
  input: z.object({}),
  async run(deps: { db: Db }) {
    const firms = await listFirms(deps.db);
    const lines = firms.length ? firms.map((firm) => `${firm.slug}\t${firm.name}${firm.disabled ? "\t(turned off)" : ""}`) : ["No firms yet. Create one with `npm run cli -- firm create --help`."];
    return done(lines, { firms });
  },
});
