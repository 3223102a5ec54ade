import { SMTPServer } from "smtp-server";

/** One message as the SMTP server received it, with the MIME text decoded enough to read links. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Headers and parts with quoted-printable soft breaks and escapes undone. */
  decoded: string;
}

export interface SmtpSink {
  url: string;
  messages: ReceivedMail[];
  /** While set, every message is refused with this SMTP reply text (a 451 temporary failure). */
  failWith: string | null;
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A real SMTP server on loopback (smtp-server), no TLS, no auth: the gateway talks SMTP to it like to any server. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: "",
    messages: [],
    failWith: null,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = sink.messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching email within ${timeoutMs} ms (received ${sink.messages.length})`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (sink.failWith) {
          const error = Object.assign(new Error(sink.failWith), { responseCode: 451 });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const envelope = session.envelope;
        sink.messages.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : "",
          to: envelope.rcptTo.map((r) => r.address),
          raw,
          decoded: decodeQuotedPrintable(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  sink.url = `smtp://127.0.0.1:${port}`;
  return sink;
}

/** The first portal link (/portal/{slug}/{kind}/{token}) in a message, as a path the test agent can open. */
export function linkPathIn(mail: ReceivedMail): string {
  const match = /https?:\/\/[^/\s"]+(\/portal\/[a-z0-9-]+\/(?:claim|reset|magic|confirm)\/[A-Za-z0-9_-]{43})/.exec(mail.decoded);
  if (!match) throw new Error("no link in the email");
  return match[1] as string;
}
