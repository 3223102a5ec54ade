import type { Config } from "../../config";
import { effectiveFirmPolicy } from "../../config/firm-settings";
import type { Firm } from "../generated/prisma/client";
import { fail, ok } from "../platform/errors";
import type { Failure, Result } from "../platform/errors";
import { checkPasswordPolicy, hashPassword } from "../sign-in/passwords";
import type { PasswordProblem } from "../sign-in/passwords";

export type PasswordRejection = Failure<"password_rejected"> & { problem: PasswordProblem | { code: "missing" } };

/** The password policy for a new password set through a link: the hash, or what is wrong with it. */
export async function checkAndHashNewPassword(config: Config, firm: Firm, email: string, password: string): Promise<Result<string, PasswordRejection>> {
  if (!password) return fail("password_rejected", { problem: { code: "missing" as const } });
  const problem = checkPasswordPolicy(password, { minLength: passwordMinLength(config, firm), contextWords: [email.split("@")[0] ?? "", firm.name, firm.slug] });
  if (problem) return fail("password_rejected", { problem });
  return ok(await hashPassword(password));
}

export function passwordMinLength(config: Config, firm: Firm): number {
  return effectiveFirmPolicy(firm.settings, config).passwordMinLength;
}
