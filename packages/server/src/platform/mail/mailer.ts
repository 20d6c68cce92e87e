import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends e-mail through the SMTP server the operator set (PALERMO_SMTP_URL), with nodemailer. */
export interface Mailer {
  /** Whether an SMTP server is set at all; without one nothing is sent. */
  readonly configured: boolean;
  /** Resolves once the server accepted the message for delivery; rejects with the server's answer otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      send: () => Promise.reject(new Error('No SMTP server is set (PALERMO_SMTP_URL)')),
      close: () => undefined,
    };
  }
  // One connection reused between messages; an unreachable or refusing server fails the send, never the process.
  const transport: Transporter = nodemailer.createTransport(smtpUrl, { from });
  return {
    configured: true,
    async send(mail) {
      const info = (await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text })) as { rejected?: unknown[] };
      if (info.rejected && info.rejected.length > 0) throw new Error(`The SMTP server refused the recipient`);
    },
    close: () => transport.close(),
  };
}
