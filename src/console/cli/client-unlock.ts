import { z } from "zod";
import { defineCommand, done, failed } from "../../platform/cli/command";
import { unlockClientSignIn } from "../use-cases/manage-client";
import { operatorActor } from "../../accounts/actor";
import type { DiagnoseDeps } from "../use-cases/diagnose-client-access";
import { clientForCommand, clientOptions } from "./client-for-command";

/** `client unlock --firm SLUG --email EMAIL`: end a sign-in lockout now (the running gateway's own count, see README). */
export const clientUnlock = defineCommand({
  name: ["client", "unlock"],
  summary: "end a client's sign-in lockout now instead of making them wait it out",
  options: clientOptions,
  input: z.object({ firm: z.string(), email: z.string() }),
  async run(deps: Pick<DiagnoseDeps, "db" | "config" | "lockout">, input) {
    const found = await clientForCommand(deps.db, input);
    if (!found.ok) return found.error;
    const unlocked = await unlockClientSignIn(deps, { firm: found.firm, actor: operatorActor, accountId: found.account.id });
    if (!unlocked.ok) return failed(unlocked.error.code, "No such client.");
    return done([`${unlocked.value.email} can sign in again now.`], { email: unlocked.value.email });
  },
});
