import emailSpellChecker from "@zootools/email-spell-checker";
import { distance } from "fastest-levenshtein";

/**
 * The PSA email this address most likely means, among the emails the firm's PSA knows: "jane.doe@acme.com"
 * for "jane@acme.com", "jane@acme.co" for "jane@acme.com", "jane+portal@acme.com" for "jane@acme.com".
 * Domain typos are found by @zootools/email-spell-checker against the firm's own domains; local parts are
 * compared by their words and by edit distance. Null when nothing is close enough to suggest with a straight face.
 */
export function suggestPsaEmail(email: string, known: readonly string[]): string | null {
  const knownSet = new Set(known);
  if (knownSet.has(email)) return null;
  const at = email.lastIndexOf("@");
  if (at < 1) return null;
  const local = email.slice(0, at);
  let domain = email.slice(at + 1);

  const domains = [...new Set(known.map((k) => k.slice(k.lastIndexOf("@") + 1)))];
  if (!domains.includes(domain)) {
    const typo = emailSpellChecker.run({ email, domains, topLevelDomains: [...new Set(domains.map((d) => d.slice(d.indexOf(".") + 1)))], secondLevelDomains: [] });
    if (!typo) return null;
    if (knownSet.has(typo.full)) return typo.full;
    domain = typo.domain;
  }

  let best: { email: string; score: number } | null = null;
  for (const candidate of known) {
    if (!candidate.endsWith(`@${domain}`)) continue;
    const score = localPartSimilarity(local, candidate.slice(0, candidate.lastIndexOf("@")));
    if (score > (best?.score ?? 0)) best = { email: candidate, score };
  }
  return best && best.score >= 0.8 ? best.email : null;
}

function localPartSimilarity(typed: string, known: string): number {
  const words = (s: string) => s.split(/[._+-]+/).filter(Boolean);
  const typedBase = typed.split("+")[0] ?? typed; // jane+portal is jane's subaddress
  if (typedBase === known) return 1;
  const a = words(typedBase);
  const b = words(known);
  if (a.join("") === b.join("")) return 0.95; // jane.doe vs janedoe
  if (a.length > 1 && b.length === 1 && (b[0] === a[0] || b[0] === `${a[0]?.[0]}${a[a.length - 1]}`)) return 0.9; // jane / jdoe for jane.doe
  if (b.length > 1 && a.length === 1 && (a[0] === b[0] || a[0] === `${b[0]?.[0]}${b[b.length - 1]}`)) return 0.9;
  const edits = distance(typedBase, known);
  const sameLetters = [...typedBase].sort().join("") === [...known].sort().join("");
  if (edits === 2 && sameLetters) return 0.85; // two letters swapped: omra for omar
  if (edits <= (known.length > 5 ? 2 : 1)) return 0.8; // small typos
  return 0;
}
