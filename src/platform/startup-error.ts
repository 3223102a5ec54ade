/**
 * A part the gateway needs could not be started (database, migrations, store, the listening port). The message
 * says what failed, where, and which setting changes it, in one sentence an operator can act on; `npm start`
 * prints it and exits non-zero instead of idling half-started.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StartupError";
  }
}

/** host:port/database of a connection URL, never its user or password: fit for a message or a log line. */
export function whereIs(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "(an address that does not parse)";
  }
}

/** The first line of an error's message (a driver's may run on for pages), or its code. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error);
  return (message.split("\n").map((line) => line.trim()).find(Boolean) ?? "unknown error").slice(0, 300);
}

/** Why `listen` failed, in words that name the setting to change. */
export function listenFailure(error: unknown, port: number, host: string): StartupError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message =
    code === "EADDRINUSE"
      ? `port ${port} on ${host} is already in use (another gateway, or another program): stop it, or set PORT to a free port.`
      : code === "EACCES"
        ? `not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges): set PORT to 1024 or above.`
        : code === "EADDRNOTAVAIL"
          ? `HOST ${host} is not an address of this machine: set HOST to one of its addresses (127.0.0.1, or 0.0.0.0 for all).`
          : `could not listen on port ${port} on ${host}: ${reasonOf(error)}. Check PORT and HOST.`;
  return new StartupError(message, { cause: error });
}
