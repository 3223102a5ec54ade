import type { PsaPerson, PsaPhase } from "../types";

/** Phases in schedule order: by start, then end (undated last), keeping the PSA's order among equals. */
export function inScheduleOrder(phases: readonly PsaPhase[]): PsaPhase[] {
  const time = (date: Date | null) => (date ? date.getTime() : Number.POSITIVE_INFINITY);
  return phases
    .map((phase, index) => ({ phase, index }))
    .sort((a, b) => time(a.phase.startDate ?? a.phase.endDate) - time(b.phase.startDate ?? b.phase.endDate) || time(a.phase.endDate) - time(b.phase.endDate) || a.index - b.index)
    .map(({ phase }) => phase);
}

/** A person from whatever the PSA gave, trimmed; null when it gave nothing at all. */
export function personOf(name: string | null | undefined, email: string | null | undefined, phone: string | null | undefined): PsaPerson | null {
  const clean = (value: string | null | undefined) => value?.trim() || null;
  const person = { name: clean(name), email: clean(email)?.toLowerCase() ?? null, phone: clean(phone) };
  return person.name || person.email || person.phone ? person : null;
}
