import { parse } from "csv-parse/sync";
import type { Firm } from "../../generated/prisma/client";
import type { Actor } from "../../accounts/actor";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";
import { isPlainMailbox } from "../../platform/mail/mail-headers";
import { loadCandidates } from "../../access-problems/psa-candidates";
import type { Candidates } from "../../access-problems/psa-candidates";
import { findIntendedContact } from "../../access-problems/find-intended-contact";
import { inviteClient } from "./invite-client";
import type { InviteClientDeps } from "./invite-client";

/**
 * Bulk invite: a pasted list of addresses, or a CSV's text (an "email" column, or the first column), first
 * previewed row by row, then sent. The preview asks the PSA snapshot, not the PSA (a live call per row would
 * take minutes for a long list); the send classifies again, so a preview that went stale sends nothing wrong.
 */
export const BULK_LIMIT = 500;

export type BulkOutcome = "new" | "reinvite" | "already_active" | "disabled" | "psa_mismatch" | "invalid" | "duplicate";

export interface BulkRow {
  line: number;
  typed: string;
  email: string | null;
  outcome: BulkOutcome;
  /** For a PSA mismatch: the address the PSA has that looks like it. */
  suggestion: string | null;
}

/** The addresses in what was pasted, with the line each came from. */
export function readBulkList(text: string): Array<{ line: number; typed: string }> {
  const records = parse(text, { delimiter: [",", ";", "\t"], relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const header = records[0]?.record.map((cell) => cell.toLowerCase()) ?? [];
  const column = header.findIndex((cell) => cell === "email" || cell === "e-mail" || cell === "email address");
  // A CSV with an email column gives that column; a pasted list gives every address on every line.
  const rows = column >= 0 ? records.slice(1).map(({ record, info }) => [{ line: info.lines, typed: record[column] ?? "" }]) : records.map(({ record, info }) => record.map((typed) => ({ line: info.lines, typed })));
  return rows.flat().filter((row) => row.typed !== "");
}

/** What would happen to each row; BULK_LIMIT rows at most (the rest are reported as too many). */
/** Which of these addresses the firm's live PSA contacts have (from the sync's snapshot), never the whole PSA. */
async function psaEmailsAmong(deps: InviteClientDeps, firm: Firm, emails: string[]): Promise<Set<string>> {
  const contacts = await deps.db.psaContactSnapshot.findMany({
    where: { firmId: firm.id, connectorKind: firm.connectorKind ?? "", active: true, archivedAt: null, emails: { hasSome: emails } },
    select: { emails: true },
  });
  return new Set(contacts.flatMap((contact) => contact.emails.map(normalizeEmail)));
}

export async function previewBulkInvite(deps: InviteClientDeps, input: { firm: Firm; text: string }): Promise<{ rows: BulkRow[]; tooMany: number }> {
  const { firm } = input;
  const all = readBulkList(input.text);
  const list = all.slice(0, BULK_LIMIT);
  const emails = list.map((row) => normalizeEmail(row.typed)).filter(isPlainMailbox);
  const [accounts, inPsa, candidates] = await Promise.all([
    deps.db.portalAccount.findMany({ where: { firmId: firm.id, email: { in: emails } }, select: { email: true, status: true } }),
    firm.connectorKind ? psaEmailsAmong(deps, firm, emails) : Promise.resolve(null),
    firm.connectorKind ? loadCandidates(deps.db, firm, emails) : Promise.resolve<Candidates | null>(null),
  ]);
  const statusOf = new Map(accounts.map((a) => [a.email, a.status]));
  const seen = new Set<string>();
  const rows = list.map(({ line, typed }): BulkRow => {
    const email = normalizeEmail(typed);
    const row = { line, typed: typed.slice(0, 254), email: isPlainMailbox(email) ? email : null, suggestion: null };
    if (!row.email) return { ...row, outcome: "invalid" };
    if (seen.has(email)) return { ...row, outcome: "duplicate" };
    seen.add(email);
    const status = statusOf.get(email);
    if (status === "active") return { ...row, outcome: "already_active" };
    if (status === "disabled") return { ...row, outcome: "disabled" };
    if (inPsa && candidates && !inPsa.has(email)) return { ...row, outcome: "psa_mismatch", suggestion: findIntendedContact(email, candidates.contacts, candidates.domains)?.psaEmail ?? null };
    return { ...row, outcome: status === "invited" ? "reinvite" : "new" };
  });
  return { rows, tooMany: all.length - list.length };
}

/** Send the invites the preview promised: new and still-invited addresses, and PSA mismatches only when asked. */
export async function sendBulkInvite(
  deps: InviteClientDeps,
  input: { firm: Firm; actor: Actor; text: string; includeMismatches: boolean },
): Promise<{ sent: number; skipped: number }> {
  const { rows } = await previewBulkInvite(deps, input);
  const wanted = rows.filter((row) => row.outcome === "new" || row.outcome === "reinvite" || (input.includeMismatches && row.outcome === "psa_mismatch"));
  let sent = 0;
  for (const row of wanted) {
    const invited = await inviteClient(deps, { firm: input.firm, actor: input.actor, emailTyped: row.email ?? row.typed, delivery: "email", confirmed: true });
    if (invited.ok && (invited.value.kind === "invited" || invited.value.kind === "reinvited")) sent += 1;
  }
  return { sent, skipped: rows.length - sent };
}
