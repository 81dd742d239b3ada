import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env, mailDelivery } from "~/utils/env.server";

export type OutgoingAttachment = { filename: string; content: Buffer; contentType: string };
export type OutgoingMail = { id: string; to: string; subject: string; html: string; text: string; attachments?: OutgoingAttachment[] };
export type Transport = { name: string; send(mail: OutgoingMail): Promise<{ messageId: string }> };

function message(mail: OutgoingMail) {
  return {
    from: env().MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    // The outbox id doubles as the Message-ID, so a receiver can spot a duplicate delivery.
    messageId: `<${mail.id}@concord>`,
  };
}

function smtpTransport(url: string): Transport {
  const transporter = nodemailer.createTransport(url);
  return {
    name: "smtp",
    async send(mail) {
      const info = await transporter.sendMail(message(mail));
      return { messageId: info.messageId };
    },
  };
}

/** Without SMTP, mail is written as .eml files under MAILBOX_DIR (shown at /dev/mail in development, see mailDelivery). */
function mailboxTransport(dir: string): Transport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    name: "mailbox",
    async send(mail) {
      const info = await builder.sendMail(message(mail));
      await fs.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${Date.now()}-${mail.id}.eml`);
      await fs.writeFile(`${file}.tmp`, info.message as Buffer);
      await fs.rename(`${file}.tmp`, file);
      return { messageId: info.messageId };
    },
  };
}

export function configuredTransport(): Transport {
  const smtp = env().SMTP_URL;
  if (mailDelivery() === "smtp" && smtp) return smtpTransport(smtp);
  return mailboxTransport(path.resolve(env().MAILBOX_DIR));
}
