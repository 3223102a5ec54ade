/**
 * Reason codes in the sign-in audit trail (SignInEvent.reason). Support reads these to answer "did they
 * try, and what happened?", so each code names one distinct cause.
 */
export const signInReasons = {
  success: "Signed in with email and password",
  fail_password: "Wrong password for an existing account",
  fail_unknown_email: "No account with this email on this portal",
  fail_not_claimed: "The account was invited but the invite was never claimed, so it has no password yet",
  fail_disabled: "Correct password, but the account is disabled",
  fail_unconfirmed: "Correct password, but the email address is not confirmed yet",
  fail_locked: "Too many failed attempts for this email: sign-in is locked for a while",
  fail_ip_limited: "Too many failed attempts from this IP address across emails",
  invite_claim: "Claimed an invite link and set a password",
  reset_claim: "Used a password reset link",
  magic_link_claim: "Signed in with a magic link",
  link_expired: "Opened an expired link",
  link_used: "Opened a link that was already used",
  link_superseded: "Opened a link that a newer one replaced",
  link_wrong_firm: "Opened another firm's link on this portal",
  identity_check_failed: "Gave a wrong answer to the identity check on an invite",
} as const;

export type SignInReason = keyof typeof signInReasons;
