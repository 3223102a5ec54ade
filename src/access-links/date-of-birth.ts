import { z } from "zod";
import { text } from "../platform/http/parse-input";

/**
 * Dates of birth as people type them. The firm's form says MM/DD/YYYY (seed article 002), but clients type
 * 4/7/1985, 04-07-1985, 04.07.1985, 04 / 07 / 1985, 04071985, or paste 1985-04-07: all are accepted. Two-digit
 * years, impossible dates and day-first dates are refused with a message that says what to fix.
 */
export type DateOfBirthResult = { ok: true; iso: string } | { ok: false; message: string };

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(input: string): { month: number; day: number; year: string } | { iso: [number, number, number] } | null {
  const compact = input.replace(/\s+/g, "");
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(compact);
  if (m) return { iso: [Number(m[1]), Number(m[2]), Number(m[3])] };
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d+)$/.exec(compact);
  if (m) return { month: Number(m[1]), day: Number(m[2]), year: m[3] as string };
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(compact);
  if (m) return { month: Number(m[1]), day: Number(m[2]), year: m[3] as string };
  return null;
}

export function parseDateOfBirth(input: string, today: Date = new Date()): DateOfBirthResult {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: "Enter your date of birth as MM/DD/YYYY, for example 04/27/1985." };
  const p = parts(trimmed);
  if (!p) return { ok: false, message: "Enter your date of birth as MM/DD/YYYY (month, day, then the four-digit year), for example 04/27/1985." };
  let year: number, month: number, day: number;
  if ("iso" in p) {
    [year, month, day] = p.iso;
  } else {
    if (p.year.length !== 4) return { ok: false, message: "Enter the year with all four digits, for example 1985 rather than 85." };
    [year, month, day] = [Number(p.year), p.month, p.day];
    if (month > 12 && day <= 12) return { ok: false, message: "That looks like day first. Enter the month first: MM/DD/YYYY, for example 04/27/1985." };
  }
  if (month < 1 || month > 12) return { ok: false, message: "The month must be between 01 and 12 (MM/DD/YYYY: month first)." };
  const monthName = MONTHS[month - 1] as string;
  if (year < 1900) return { ok: false, message: "Check the year: it should be four digits, like 1985." };
  const max = daysInMonth(year, month);
  if (day < 1 || day > max) return { ok: false, message: `${monthName} ${year} has ${max} days, so ${trimmed} is not a real date. Check the day.` };
  const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (iso > today.toISOString().slice(0, 10)) return { ok: false, message: "That date is in the future. Check the year." };
  return { ok: true, iso };
}

/** The date-of-birth form field, for the zod form schemas: its ISO date, or the message above for the field. */
export const dateOfBirthField = (today: Date = new Date()) =>
  text.transform((value, ctx) => {
    const parsed = parseDateOfBirth(value, today);
    if (parsed.ok) return parsed.iso;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });
