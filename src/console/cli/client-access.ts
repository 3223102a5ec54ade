import type { AccountDeps } from "../../accounts/change-account";
import { z } from "zod";
import { defineCommand, done, failed } from "../../platform/cli/command";
import { operatorActor } from "../../accounts/actor";
import { setClientAccess } from "../use-cases/manage-client";
import { clientForCommand, clientOptions } from "./client-for-command";

const accountData = (account: { id: string; email: string; status: string; statusReason: string | null }) => ({ id: account.id, email: account.email, status: account.status, statusReason: account.statusReason });

/** `client disable --firm SLUG --email EMAIL --reason TEXT`: access off; every session of the client ends on its next request. */
export const clientDisable = defineCommand({
  name: ["client", "disable"],
  summary: "turn a client's access off (their sessions end; nothing is deleted)",
  options: [...clientOptions, { flags: "--reason <text>", description: "why, kept on the account and shown to staff", required: true }],
  input: z.object({ firm: z.string(), email: z.string(), reason: z.string().trim().min(1, "say why").max(200) }),
  async run(deps: AccountDeps, input) {
    const found = await clientForCommand(deps.db, input);
    if (!found.ok) return found.error;
    const changed = await setClientAccess(deps, { firm: found.firm, actor: operatorActor, accountId: found.account.id, access: "off", reason: input.reason });
    if (!changed.ok) return failed(changed.error.code, "Access was not changed.");
    return done([`${changed.value.email}'s access is off: ${input.reason}`], { account: accountData(changed.value) });
  },
});

/** `client reactivate --firm SLUG --email EMAIL`: access back on, as it was. */
export const clientReactivate = defineCommand({
  name: ["client", "reactivate"],
  summary: "turn a client's access back on",
  options: clientOptions,
  input: z.object({ firm: z.string(), email: z.string() }),
  async run(deps: AccountDeps, input) {
    const found = await clientForCommand(deps.db, input);
    if (!found.ok) return found.error;
    const changed = await setClientAccess(deps, { firm: found.firm, actor: operatorActor, accountId: found.account.id, access: "on", reason: "" });
    if (!changed.ok) return failed(changed.error.code, "Access was not changed.");
    return done([`${changed.value.email}'s access is back on (${changed.value.status}).`], { account: accountData(changed.value) });
  },
});
