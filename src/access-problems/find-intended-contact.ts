import emailSpellChecker from "@zootools/email-spell-checker";
import { distance } from "fastest-levenshtein";
import { gmailMailbox, localWords, nameLetters, sameMailboxDomains, splitEmail, withoutSpaces, withoutTag } from "./email-variants";

/** A PSA contact that might be the one an account was meant for. */
export interface CandidateContact {
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  emails: string[];
  companyExternalIds: string[];
}

/** How the account's address and the PSA's differ, strongest evidence first. */
export const MISMATCH_KINDS = ["case_whitespace", "plus_alias", "provider_dots", "typo_domain", "same_person", "similar_address"] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

export interface IntendedContact {
  kind: MismatchKind;
  /** The address the PSA has (or, for a typo domain with no contact yet, the corrected address). */
  psaEmail: string;
  contact: CandidateContact | null;
  /** For a typo domain: which side has the typo. */
  typoIn?: "account" | "psa";
}

type Rule = (email: string, parts: { local: string; domain: string }, candidates: readonly CandidateContact[], domains: readonly string[]) => IntendedContact | null;

const each = (candidates: readonly CandidateContact[]) => candidates.flatMap((contact) => contact.emails.map((psaEmail) => ({ contact, psaEmail })));

/** The only candidate that `test` picks, or null when none or several do (a guess between two people is no suggestion). */
function only(candidates: readonly CandidateContact[], kind: MismatchKind, test: (psaEmail: string, contact: CandidateContact) => boolean): IntendedContact | null {
  const hits = each(candidates).filter(({ contact, psaEmail }) => test(psaEmail, contact));
  const contacts = new Set(hits.map((hit) => hit.contact.externalId));
  const first = hits[0];
  return first && contacts.size === 1 ? { kind, psaEmail: first.psaEmail, contact: first.contact } : null;
}

/** "jane @acme.com" or "jane@acme.com\u200b" in the PSA: the same address once spaces and invisible characters go. */
const caseWhitespace: Rule = (email, _parts, candidates) => only(candidates, "case_whitespace", (psa) => psa !== email && withoutSpaces(psa) === email);

/** jane+portal@acme.com against jane@acme.com, either way round. */
const plusAlias: Rule = (email, parts, candidates) =>
  only(candidates, "plus_alias", (psa) => {
    const other = splitEmail(psa);
    return psa !== email && !!other && other.domain === parts.domain && withoutTag(other.local) === withoutTag(parts.local);
  });

/** jane.doe@gmail.com against janedoe@googlemail.com: one Gmail mailbox. */
const providerDots: Rule = (email, _parts, candidates) => {
  const mailbox = gmailMailbox(email);
  return mailbox ? only(candidates, "provider_dots", (psa) => psa !== email && gmailMailbox(psa) === mailbox) : null;
};

/** acme.cmo for acme.com on either side, by the maintained typo library, against the domains the PSA uses. */
const typoDomain: Rule = (email, parts, candidates, domains) => {
  if (!domains.includes(parts.domain)) {
    const fixed = emailSpellChecker.run({ email, domains: [...domains, ...emailSpellChecker.POPULAR_DOMAINS] });
    if (fixed && fixed.domain !== parts.domain) {
      const contact = only(candidates, "typo_domain", (psa) => psa === fixed.full);
      return contact ? { ...contact, typoIn: "account" } : { kind: "typo_domain", psaEmail: fixed.full, contact: null, typoIn: "account" };
    }
  }
  const reverse = only(candidates, "typo_domain", (psa) => {
    const other = splitEmail(psa);
    if (!other || other.local !== parts.local || other.domain === parts.domain) return false;
    return emailSpellChecker.run({ email: psa, domains: [parts.domain], secondLevelDomains: [], topLevelDomains: [parts.domain.slice(parts.domain.indexOf(".") + 1)] })?.domain === parts.domain;
  });
  return reverse ? { ...reverse, typoIn: "psa" } : null;
};

/**
 * The same person under another local part at the same domain, by the contact's first and last names: jane, jane.doe,
 * j.doe, jdoe, doe.jane, janed for Jane Doe. Both the account's and the PSA's local parts must be forms of the name.
 */
export function isNameForm(local: string, first: string, last: string): boolean {
  const words = localWords(local);
  const joined = words.join("");
  if (!first && !last) return false;
  const forms = new Set([first, last, `${first}${last}`, `${last}${first}`, `${first[0] ?? ""}${last}`, `${first}${last[0] ?? ""}`, `${last}${first[0] ?? ""}`].filter((form) => form.length > 1));
  return forms.has(joined);
}

const samePerson: Rule = (email, parts, candidates) =>
  only(candidates, "same_person", (psa, contact) => {
    const other = splitEmail(psa);
    const [first, last] = [nameLetters(contact.firstName), nameLetters(contact.lastName)];
    return psa !== email && !!other && sameMailboxDomains(parts.domain).includes(other.domain) && !!first && !!last && isNameForm(parts.local, first, last) && isNameForm(other.local, first, last);
  });

/** Local parts that read alike without names: shared words (jane / jane.doe), a swapped pair (omra / omar), a small typo. */
export function localPartSimilarity(typed: string, known: string): number {
  const [a, b] = [localWords(typed), localWords(known)];
  const typedBase = withoutTag(typed);
  if (typedBase === known) return 1;
  if (a.join("") === b.join("")) return 0.95;
  if (a.length > 1 && b.length === 1 && (b[0] === a[0] || b[0] === `${a[0]?.[0]}${a[a.length - 1]}`)) return 0.9;
  if (b.length > 1 && a.length === 1 && (a[0] === b[0] || a[0] === `${b[0]?.[0]}${b[b.length - 1]}`)) return 0.9;
  const edits = distance(typedBase, known);
  if (edits === 2 && [...typedBase].sort().join("") === [...known].sort().join("")) return 0.85;
  if (edits <= (known.length > 5 ? 2 : 1)) return 0.8;
  return 0;
}

const similarAddress: Rule = (email, parts, candidates) => {
  let best: { score: number; hit: IntendedContact } | null = null;
  for (const { contact, psaEmail } of each(candidates)) {
    const other = splitEmail(psaEmail);
    if (!other || other.domain !== parts.domain || psaEmail === email) continue;
    const score = localPartSimilarity(parts.local, other.local);
    if (score >= 0.8 && score > (best?.score ?? 0)) best = { score, hit: { kind: "similar_address", psaEmail, contact } };
  }
  return best?.hit ?? null;
};

const RULES: readonly Rule[] = [caseWhitespace, plusAlias, providerDots, typoDomain, samePerson, similarAddress];

/**
 * The PSA contact an account's address most likely means, and how the two addresses differ, or null when nothing is
 * close enough to suggest with a straight face. `domains` are the domains the PSA's contacts use.
 */
export function findIntendedContact(email: string, candidates: readonly CandidateContact[], domains: readonly string[]): IntendedContact | null {
  const parts = splitEmail(email);
  if (!parts || candidates.some((contact) => contact.emails.includes(email))) return null;
  for (const rule of RULES) {
    const found = rule(email, parts, candidates, domains);
    if (found) return found;
  }
  return null;
}
