import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useT } from "~/i18n";
import { readMail } from "~/domain/email/mailbox.server";
import { usesLocalMailbox } from "~/utils/env.server";

export async function loader({ params }: LoaderFunctionArgs) {
  if (!usesLocalMailbox()) throw new Response("Not found", { status: 404 });
  const mail = await readMail(params.id ?? "");
  if (!mail) throw new Response("Not found", { status: 404 });
  return mail;
}

/** Plain text with its URLs turned into links, so the emailed link can be followed without JavaScript. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="break-all text-blue-900 underline">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function MailView() {
  const mail = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/dev/mail" className="text-blue-900 underline">
          ← {t("dev.mail.title")}
        </Link>
      </p>
      <h1 className="mt-4 text-2xl font-bold">{mail.subject}</h1>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
        <dt className="font-medium">{t("dev.mail.to")}</dt>
        <dd>{mail.to}</dd>
        <dt className="font-medium">{t("dev.mail.date")}</dt>
        <dd>{mail.date}</dd>
        {mail.attachments.length > 0 ? (
          <>
            <dt className="font-medium">{t("dev.mail.attachments")}</dt>
            <dd>
              <ul data-testid="mail-attachments">
                {mail.attachments.map((a, i) => (
                  <li key={i}>
                    {a.filename} ({a.contentType}, {Math.ceil(a.size / 1024)} KB)
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <h2 className="mt-6 text-lg font-semibold">{t("dev.mail.text")}</h2>
      <pre className="mt-2 whitespace-pre-wrap rounded-md border border-stone-300 bg-white p-4 font-sans" data-testid="mail-text">
        <Linkified text={mail.text} />
      </pre>
      <h2 className="mt-6 text-lg font-semibold">{t("dev.mail.html")}</h2>
      {/* Sandboxed: the email's HTML cannot run script or reach the app's cookies. */}
      <iframe
        title={t("dev.mail.html")}
        sandbox=""
        srcDoc={mail.html}
        className="mt-2 h-[32rem] w-full rounded-md border border-stone-300 bg-white"
      />
    </>
  );
}
