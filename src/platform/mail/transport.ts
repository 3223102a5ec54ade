import nodemailer from "nodemailer";
import type { Config } from "../../../config";
import type { Logger } from "../logger";

/** One email ready to go: addresses already checked, names already stripped of line breaks. */
export interface OutgoingEmail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The link inside, for the console transport's one readable line. Never logged by the SMTP transport. */
  link?: string;
}

export interface MailTransport {
  kind: "smtp" | "console";
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer when SMTP_URL is set. Otherwise the "console" transport: the email stays in the
 * outbox table and one log line carries the recipient and the link, so the demo works with no mail server.
 * Nodemailer encodes every header itself from the address objects we pass, which (with the stripping in
 * mail-headers.ts) is what makes header injection through a name or an address impossible.
 */
export function createMailTransport(config: Config, logger: Logger): MailTransport {
  const log = logger.child({ module: "mail" });
  if (!config.SMTP_URL) {
    return {
      kind: "console",
      async send(email) {
        log.info({ to: email.to, subject: email.subject, link: email.link }, "email kept in the outbox (no SMTP_URL set): open the link from here");
      },
      close() {},
    };
  }
  const transporter = nodemailer.createTransport({
    url: config.SMTP_URL,
    // A stuck mail server must not hold a delivery run for minutes: fail fast, the outbox retries.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    kind: "smtp",
    async send(email) {
      await transporter.sendMail({
        from: email.from,
        to: { name: "", address: email.to },
        subject: email.subject,
        text: email.text,
        html: email.html,
        // Replies go nowhere useful: the sender is a no-reply address.
        headers: { "Auto-Submitted": "auto-generated" },
      });
    },
    close() {
      transporter.close();
    },
  };
}
