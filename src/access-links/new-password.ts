import type { Config } from "../../config";
import { effectiveFirmPolicy } from "../../config/firm-settings";
import type { Firm } from "../generated/prisma/client";
import { checkPasswordPolicy, describePasswordProblem, hashPassword } from "../sign-in/passwords";

/** The password policy (foundation issue) for a new password set through a link: a problem to show, or the hash. */
export async function checkAndHashNewPassword(config: Config, firm: Firm, email: string, password: string): Promise<{ problem: string } | { hash: string }> {
  const { passwordMinLength } = effectiveFirmPolicy(firm.settings, config);
  if (!password) return { problem: "Choose a password." };
  const problem = checkPasswordPolicy(password, { minLength: passwordMinLength, contextWords: [email.split("@")[0] ?? "", firm.name, firm.slug] });
  if (problem) return { problem: describePasswordProblem(problem) };
  return { hash: await hashPassword(password) };
}

export function passwordMinLength(config: Config, firm: Firm): number {
  return effectiveFirmPolicy(firm.settings, config).passwordMinLength;
}
