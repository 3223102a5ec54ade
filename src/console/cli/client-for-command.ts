import type { Firm, PortalAccount } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { failed } from "../../platform/cli/command";
import type { CliFailure, CliOption } from "../../platform/cli/command";
import { firmForCommand } from "../../firms/find-firm";
import { clientOfFirmByEmail } from "../client-of-firm";

/** The options every client command takes. */
export const clientOptions: readonly CliOption[] = [
  { flags: "--firm <slug>", description: "the firm's slug", required: true },
  { flags: "--email <email>", description: "the client's email address", required: true },
];

/** The firm and the client an operator names, or the failure that says which one is missing and how to look. */
export async function clientForCommand(db: Db, input: { firm: string; email: string }): Promise<{ ok: true; firm: Firm; account: PortalAccount } | { ok: false; error: CliFailure }> {
  const firm = await firmForCommand(db, input.firm);
  if (!firm.ok) return firm;
  const account = await clientOfFirmByEmail(db, firm.value.id, input.email);
  if (!account.ok) {
    const hint = `\`npm run cli -- doctor --firm ${firm.value.slug} --email ${input.email.trim().slice(0, 254)}\` says what is known about the address.`;
    return { ok: false, error: failed("client_not_found", `${firm.value.slug} has no client account for "${input.email.trim().slice(0, 254)}".`, hint) };
  }
  return { ok: true, firm: firm.value, account: account.value };
}
