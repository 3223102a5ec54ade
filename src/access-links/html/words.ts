import type { Firm } from "../../generated/prisma/client";
import type { PasswordRejection } from "../new-password";

/** Why a new password was refused, in words that say what to do instead. */
export function passwordProblemWords(problem: PasswordRejection["problem"]): string {
  switch (problem.code) {
    case "missing":
      return "Choose a password.";
    case "too_short":
      return `Use at least ${problem.min} characters. A few unrelated words make a long password that is easy to remember.`;
    case "too_long":
      return `Use at most ${problem.max} characters.`;
    case "too_common":
      return "That password is on a list of commonly used passwords that attackers try first. Choose another.";
    case "contains_context":
      return `Don't use "${problem.word}" in your password: it is one of the first things an attacker would try.`;
  }
}

export const linkWords = {
  identityRecordMissing: (firm: Firm) => `${firm.name} needs to add your date of birth to your record before you can set up your account. Contact them.`,
  identityAnswerWrong: (firm: Firm, attemptsLeft: number) =>
    `That date of birth does not match the one ${firm.name} has on file. Check it and try again (${attemptsLeft} ${attemptsLeft === 1 ? "try" : "tries"} left). If you are sure it is right, contact ${firm.name}: their record may be wrong.`,
  magicNotSetUp: "This account is not set up yet. Use the invite email to choose a password, or ask for a new invite on the forgot-password page.",
  emailInvalid: "Enter the email address your account uses, like name@example.com.",
};
