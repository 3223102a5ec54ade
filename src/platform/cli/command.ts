import type { z } from "zod";
import type { ErrorCode } from "../errors";

/**
 * One operator command (`npm run cli -- firm create ...`): a thin adapter, like a page handler. It names itself,
 * declares its arguments and options for the parser (commander builds `--help` from them), validates what was
 * typed with a zod schema, calls a use-case and says what happened: as lines for a person, and as data for
 * `--json`. `D` is what the command needs from the gateway's parts (db, config, resolver...): declare only that,
 * and src/cli.ts hands every command the same composed parts.
 */
export interface CliArgument {
  name: string;
  description: string;
}

export interface CliOption {
  /** commander's flags, e.g. "--role <role>" or "--print". The value's key is the long name in camelCase. */
  flags: string;
  description: string;
  required?: boolean;
}

export interface CliCommand<D> {
  /** The words that call it: ["firm", "create"]. Commands that share a first word are grouped under it. */
  name: readonly string[];
  summary: string;
  /** Shown after the options in `--help`: an example, what the command prints. */
  help?: string;
  arguments?: readonly CliArgument[];
  options?: readonly CliOption[];
  /** What the arguments and options must be. The parsed object has the arguments' names and the options' keys. */
  input: z.ZodType;
  run(deps: D, input: never): Promise<CliOutcome>;
}

/**
 * What a command did: lines for a person and data for `--json`, or a failure with a catalogue code (exit 1). A
 * command that writes a document instead (a CSV) returns its `text` as chunks: they go to stdout as they come,
 * while the database is still open, and such output has no `--json` form.
 */
export type CliOutcome = { ok: true; lines: string[]; data: unknown; text?: AsyncIterable<string> } | CliFailure;

export interface CliFailure {
  ok: false;
  /** A code from the catalogue (platform/errors.ts): the same codes as the API's, for scripts. */
  code: ErrorCode;
  message: string;
  /** What to do next, e.g. the command that lists the firms' slugs. */
  hint?: string;
  /** The input was malformed, found by the use-case rather than the command's schema (a date that is not one): exit 2. */
  usage?: boolean;
}

/** Define a command with its input type checked against its schema (the list in src/commands.ts holds them all). */
export function defineCommand<D, S extends z.ZodType>(command: Omit<CliCommand<D>, "input" | "run"> & { input: S; run(deps: D, input: z.output<S>): Promise<CliOutcome> }): CliCommand<D> {
  return command as CliCommand<D>;
}

export const done = (lines: string[], data: unknown): CliOutcome => ({ ok: true, lines, data });
export const failed = (code: CliFailure["code"], message: string, hint?: string): CliFailure => ({ ok: false, code, message, hint });
/** Bad usage the use-case found: exit 2, like a failure of the command's schema. */
export const badUsage = (message: string, hint?: string): CliFailure => ({ ok: false, code: "validation_failed", message, hint, usage: true });
/** A document written to stdout as it is produced (see CliOutcome). */
export const streamed = (text: AsyncIterable<string>): CliOutcome => ({ ok: true, lines: [], data: null, text });
