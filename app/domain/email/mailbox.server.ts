import fs from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/** The local mailbox: .eml files written by the mailbox transport when no SMTP server is configured. */
function dir() {
  return path.resolve(env().MAILBOX_DIR);
}

export type MailSummary = { id: string; to: string; subject: string; date: string };

export async function listMailbox(limit = 200): Promise<MailSummary[]> {
  let files: string[];
  try {
    files = (await fs.readdir(dir())).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
  files.sort().reverse();
  return Promise.all(
    files.slice(0, limit).map(async (file) => {
      const parsed = await simpleParser(await fs.readFile(path.join(dir(), file)));
      return {
        id: file.replace(/\.eml$/, ""),
        to: parsed.to ? (Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : parsed.to.text) : "",
        subject: parsed.subject ?? "",
        date: (parsed.date ?? new Date(0)).toISOString(),
      };
    }),
  );
}

export async function readMail(id: string) {
  if (!/^[0-9]+-[0-9a-f-]{36}$/.test(id)) return null;
  try {
    const parsed = await simpleParser(await fs.readFile(path.join(dir(), `${id}.eml`)));
    return {
      id,
      to: parsed.to ? (Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : parsed.to.text) : "",
      from: parsed.from?.text ?? "",
      subject: parsed.subject ?? "",
      date: (parsed.date ?? new Date(0)).toISOString(),
      text: parsed.text ?? "",
      html: typeof parsed.html === "string" ? parsed.html : "",
      // Listed, not served: enough to see that a PDF went with the email (decision 068).
      attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? "", contentType: a.contentType, size: a.size })),
    };
  } catch {
    return null;
  }
}

/** Emails not yet delivered or given up on, so failures are visible to the operator. */
export function undeliveredOutbox() {
  return db().outboxEmail.findMany({
    where: { status: { not: "SENT" } },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, to: true, subject: true, status: true, attempts: true, lastError: true, nextAttemptAt: true },
  });
}
