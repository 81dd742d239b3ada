import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { listMailbox, undeliveredOutbox } from "~/domain/email/mailbox.server";
import { usesLocalMailbox } from "~/utils/env.server";

export const meta: MetaFunction = () => [{ title: "Mailbox · Concord" }];

/** Only exists for the embedded demo or DEV_MAILBOX=1, never with NODE_ENV=production (see mailDelivery). */
export async function loader() {
  if (!usesLocalMailbox()) throw new Response("Not found", { status: 404 });
  const [mails, outbox] = await Promise.all([listMailbox(), undeliveredOutbox()]);
  return { mails, outbox };
}

export default function Mailbox() {
  const { mails, outbox } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1 className="text-2xl font-bold">{t("dev.mail.title")}</h1>
      <p className="mt-2 text-stone-700">{t("dev.mail.lead")}</p>
      {mails.length === 0 ? <p className="mt-4">{t("dev.mail.empty")}</p> : null}
      {mails.length ? (
        <table className="mt-4 w-full border-collapse bg-white text-left" data-testid="mailbox">
          <thead>
            <tr className="border-b border-stone-300">
              <th className="p-2">{t("dev.mail.date")}</th>
              <th className="p-2">{t("dev.mail.to")}</th>
              <th className="p-2">{t("dev.mail.subject")}</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr key={m.id} className="border-b border-stone-200">
                <td className="p-2 text-sm">{new Date(m.date).toISOString().replace("T", " ").slice(0, 19)} UTC</td>
                <td className="p-2">{m.to}</td>
                <td className="p-2">
                  <Link to={`/dev/mail/${m.id}`} className="text-blue-900 underline">
                    {m.subject}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {outbox.length ? (
        <>
          <h2 className="mt-8 text-xl font-semibold">{t("dev.mail.outbox")}</h2>
          <table className="mt-2 w-full border-collapse bg-white text-left">
            <thead>
              <tr className="border-b border-stone-300">
                <th className="p-2">{t("dev.mail.to")}</th>
                <th className="p-2">{t("dev.mail.subject")}</th>
                <th className="p-2">{t("dev.mail.status")}</th>
                <th className="p-2">{t("dev.mail.attempts")}</th>
                <th className="p-2">{t("dev.mail.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {outbox.map((o) => (
                <tr key={o.id} className={o.status === "FAILED" ? "bg-red-50" : ""}>
                  <td className="p-2">{o.to}</td>
                  <td className="p-2">{o.subject}</td>
                  <td className="p-2 font-medium">{o.status}</td>
                  <td className="p-2">{o.attempts}</td>
                  <td className="p-2 text-sm">{o.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
