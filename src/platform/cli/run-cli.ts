import { Command, CommanderError } from "commander";
import type { z } from "zod";
import type { CliCommand, CliFailure, CliOutcome } from "./command";

/** Exit codes scripts can rely on. */
export const EXIT = { done: 0, failed: 1, usage: 2 } as const;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface RunCliOptions<D> {
  programName: string;
  description: string;
  commands: ReadonlyArray<CliCommand<D>>;
  /** Opens the gateway's parts once a command is about to run (never for --help or a usage error); closed after it. */
  open(): Promise<{ deps: D; close(): Promise<void> }>;
  io?: CliIo;
  /** Sentences for an error that escaped a command (the database busy, unreachable...): never a stack trace. */
  describeError?(error: unknown): string;
}

const stdio: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

/**
 * Parse argv (commander: `--help` on every level, suggestions for typos), validate the input with the command's
 * zod schema, run it, print its outcome (lines, or `--json`), and return the exit code: 0 done, 1 failed, 2 bad
 * usage. Nothing a person typed ends in a stack trace.
 */
export async function runCli<D>(argv: readonly string[], options: RunCliOptions<D>): Promise<number> {
  const io = options.io ?? stdio;
  let exitCode: number = EXIT.done;
  const program = configure(new Command(options.programName), io).description(options.description).option("--json", "print the result as JSON, for scripts");
  const groups = new Map<string, Command>();
  for (const command of options.commands) {
    const parent = groupOf(program, groups, command.name.slice(0, -1), io);
    const leaf = configure(parent.command(command.name[command.name.length - 1]!), io).description(command.summary);
    for (const argument of command.arguments ?? []) leaf.argument(`<${argument.name}>`, argument.description);
    for (const option of command.options ?? []) {
      if (option.required) leaf.requiredOption(option.flags, option.description);
      else leaf.option(option.flags, option.description);
    }
    if (command.help) leaf.addHelpText("after", `\n${command.help}`);
    leaf.action(async () => {
      exitCode = await execute(command, leaf, program.opts<{ json?: boolean }>().json === true, options, io);
    });
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? EXIT.done : EXIT.usage;
  }
  return exitCode;
}

function configure(command: Command, io: CliIo): Command {
  return command
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError("(add --help to see how to use it)");
}

function groupOf(program: Command, groups: Map<string, Command>, words: readonly string[], io: CliIo): Command {
  let parent = program;
  for (let depth = 1; depth <= words.length; depth += 1) {
    const key = words.slice(0, depth).join(" ");
    let group = groups.get(key);
    if (!group) {
      group = configure(parent.command(words[depth - 1]!), io).description(`${key} commands`);
      groups.set(key, group);
    }
    parent = group;
  }
  return parent;
}

/** The arguments by name and the options by key, as one object for the command's schema. */
function typedInput<D>(command: CliCommand<D>, leaf: Command): Record<string, unknown> {
  const input: Record<string, unknown> = { ...leaf.opts() };
  (command.arguments ?? []).forEach((argument, index) => (input[argument.name] = leaf.processedArgs[index]));
  return input;
}

async function execute<D>(command: CliCommand<D>, leaf: Command, json: boolean, options: RunCliOptions<D>, io: CliIo): Promise<number> {
  const parsed = (command.input as z.ZodType).safeParse(typedInput(command, leaf));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    print({ ok: false, code: "validation_failed", message: `${field}${issue?.message ?? "not valid"}`, hint: `See \`npm run cli -- ${command.name.join(" ")} --help\`.` }, json, io);
    return EXIT.usage;
  }
  let outcome: CliOutcome;
  try {
    const opened = await options.open();
    try {
      outcome = await (command.run as (deps: D, input: unknown) => Promise<CliOutcome>)(opened.deps, parsed.data);
      if (outcome.ok && outcome.text) outcome = await writeText(outcome.text, json, io);
    } finally {
      await opened.close();
    }
  } catch (error) {
    outcome = { ok: false, code: "internal_error", message: options.describeError?.(error) ?? (error instanceof Error ? error.message : String(error)) };
  }
  print(outcome, json, io);
  return outcome.ok ? EXIT.done : outcome.usage ? EXIT.usage : EXIT.failed;
}

/** A command's document, to stdout as it is produced (a CSV has no JSON form: asking for both is bad usage). */
async function writeText(text: AsyncIterable<string>, json: boolean, io: CliIo): Promise<CliOutcome> {
  if (json) return { ok: false, code: "validation_failed", message: "This output is a document, not JSON: leave out --json (or the option that asks for the document).", usage: true };
  for await (const chunk of text) io.out(chunk);
  return { ok: true, lines: [], data: null };
}

function print(outcome: CliOutcome, json: boolean, io: CliIo): void {
  if (json) {
    const body = outcome.ok ? { ok: true, data: outcome.data } : { ok: false, error: errorOf(outcome) };
    io.out(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  if (outcome.ok) {
    if (outcome.lines.length) io.out(`${outcome.lines.join("\n")}\n`);
    return;
  }
  io.err(`error: ${outcome.message}\n${outcome.hint ? `${outcome.hint}\n` : ""}`);
}

const errorOf = (failure: CliFailure) => ({ code: failure.code, message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) });
