import {
  data,
  unstable_parseMultipartFormData,
  unstable_createMemoryUploadHandler,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { findAccordId, verifyAccord, verifyUploadedPdf, type AccordVerification } from "~/domain/accords/verify-accord.server";
import { pick, useLocale, useT, type MessageKey } from "~/i18n";
import { getUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Verify an accord · Concord" }];

type Outcome = { error?: MessageKey; result?: AccordVerification };
const MAX_PDF_BYTES = 1_900_000;

/**
 * Anyone can verify an executed accord by document hash or accord link (?hash= or ?q=); an accord
 * not yet executed only its parties' members can look up (to others it is "not found").
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = (url.searchParams.get("hash") ?? url.searchParams.get("q") ?? "").slice(0, 500);
  if (!query) return data<Outcome & { query: string }>({ query });
  const viewer = await getUser(request);
  const id = await findAccordId(query, viewer);
  const result = id ? await verifyAccord(id, viewer) : null;
  if (result) return data<Outcome & { query: string }>({ query, result });
  const error: MessageKey = /[0-9a-f]{64}|[0-9a-f-]{36}/i.test(query) ? "verify.notFound" : "verify.badHash";
  return data<Outcome & { query: string }>({ query, error }, { status: 404 });
}

/** An uploaded executed PDF. */
export async function action({ request }: ActionFunctionArgs) {
  let file: File | null = null;
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PDF_BYTES }));
    const v = form.get("pdf");
    file = v instanceof File ? v : null;
  } catch {
    return data<Outcome>({ error: "error.tooLarge" }, { status: 413 });
  }
  if (!file || file.size === 0) return data<Outcome>({ error: "verify.notPdf" }, { status: 400 });
  const check = await verifyUploadedPdf(new Uint8Array(await file.arrayBuffer()), await getUser(request));
  if (check.kind === "not-pdf") return data<Outcome>({ error: "verify.notPdf" }, { status: 400 });
  if (check.kind === "unknown") return data<Outcome>({ error: "verify.pdfUnknown" }, { status: 404 });
  const { kind: _kind, ...result } = check;
  return { result } satisfies Outcome;
}

function Result({ v }: { v: AccordVerification }) {
  const t = useT();
  const locale = useLocale();
  const r = v.report;
  const ok = r.ok && v.pdf !== "modified";
  return (
    <section
      aria-live="polite"
      className={`mt-6 rounded-md border-2 p-4 ${ok ? "border-green-700 bg-green-50" : "border-red-700 bg-red-50"}`}
      data-testid="verify-result"
    >
      <p className="text-xl font-bold" role="status">
        {ok ? t("verify.ok") : r.executed ? t("verify.failed") : t("verify.notExecuted")}
      </p>
      {v.pdf ? (
        <p className="mt-1 font-semibold">
          {t(v.pdf === "matches" ? "verify.pdfMatches" : v.pdf === "equivalent" ? "verify.pdfEquivalent" : "verify.pdfModified")}
        </p>
      ) : null}
      {v.pdfDifferences?.length ? (
        <ul className="mt-1 list-disc pl-6" data-testid="pdf-differences">
          {v.pdfDifferences.map((d, i) => (
            <li key={i}>
              {d.kind === "pages"
                ? t("verify.diff.pages", { issued: d.issued, uploaded: d.uploaded })
                : d.kind === "page"
                  ? t("verify.diff.page", { page: d.page })
                  : t(d.kind === "resources" ? "verify.diff.resources" : "verify.diff.metadata")}
            </li>
          ))}
        </ul>
      ) : null}
      <h2 className="mt-3 text-lg font-semibold">{pick(locale, v.title, v.titleZh)}</h2>
      <p className="break-all font-mono text-sm">{v.documentHash}</p>
      <ul className="mt-3 space-y-1">
        {r.checks.map((c) => (
          <li key={c.id}>
            <span className={c.ok ? "text-green-800" : "font-bold text-red-800"}>
              {c.ok ? `✓ ${t("verify.pass")}` : `✗ ${t("verify.fail")}`}
            </span>{" "}
            — {t(`verify.check.${c.id}`)}
            {c.problems.length ? (
              <ul className="ml-6 list-disc text-sm">
                {c.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      <h3 className="mt-4 font-semibold">{t("verify.signedBy")}</h3>
      <ul className="space-y-1">
        {r.signatures.map((s) => (
          <li key={s.partyId}>
            {s.ok ? "✓" : "✗"} {s.orgName} — {s.signerName}
            {s.signerRole ? `, ${s.signerRole}` : ""} — {formatDateTime(new Date(s.signedAt), "UTC", locale)} UTC —{" "}
            {t(`accords.sign.method.${s.method as "PASSKEY" | "EMAIL_CODE"}`)}
          </li>
        ))}
      </ul>
      {r.document ? (
        <details className="mt-4">
          <summary className="cursor-pointer underline">{t("accords.text")}</summary>
          {r.document.languages.map((l) => (
            <div key={l} lang={l} className="mt-2">
              <h4 className="font-semibold">{r.document!.title[l] ?? r.document!.title.en}</h4>
              {r.document!.clauses.map((c) => (
                <p key={c.number} className="whitespace-pre-wrap">
                  {c.number}. {c.text[l]}
                </p>
              ))}
            </div>
          ))}
        </details>
      ) : null}
      {r.seal ? (
        <p className="mt-4 text-sm">
          {t("verify.sealKey", { keyId: r.seal.keyId })}{" "}
          <a href="/.well-known/concord-seal-key" className="underline">
            /.well-known/concord-seal-key
          </a>
        </p>
      ) : null}
      {r.executed ? (
        <p className="mt-2 flex flex-wrap gap-4 text-sm">
          <a href={`/accords/${v.accordId}/pdf`} className="underline">
            {t("accords.executed.download")}
          </a>
          <a href={`/accords/${v.accordId}/bundle`} className="underline">
            {t("accords.executed.bundle")}
          </a>
        </p>
      ) : null}
      <p className="mt-2 text-sm text-stone-700">{t("verify.offline")}</p>
      <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-stone-100 p-2 text-xs" data-testid="verify-command">
        {v.commands.pinned}
      </pre>
      <p className="mt-2 text-sm text-stone-700">{t("verify.offlineFrom")}</p>
      <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-stone-100 p-2 text-xs">{v.commands.fetched}</pre>
    </section>
  );
}

export default function Verify() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as Outcome | undefined;
  const t = useT();
  const shown = posted ?? loaded;
  return (
    <>
      <h1 className="text-3xl font-bold">{t("verify.title")}</h1>
      <p className="mb-6 text-stone-700">{t("verify.lead")}</p>
      <Form method="get" className="mb-6 max-w-2xl">
        <label htmlFor="verify-q" className="block font-medium">
          {t("verify.hash")}
        </label>
        <input
          id="verify-q"
          name="q"
          defaultValue={loaded.query}
          maxLength={500}
          className="mb-2 mt-1 block w-full rounded-md border border-stone-400 px-3 py-2 font-mono"
        />
        <button type="submit" className="rounded-md bg-blue-900 px-4 py-2 text-white">
          {t("verify.submit")}
        </button>
      </Form>
      <Form method="post" encType="multipart/form-data" className="max-w-2xl">
        <label htmlFor="verify-pdf" className="block font-medium">
          {t("verify.upload")}
        </label>
        <input id="verify-pdf" name="pdf" type="file" accept="application/pdf,.pdf" required className="mb-2 mt-1 block" />
        <button type="submit" className="rounded-md border border-blue-900 px-4 py-2 text-blue-900">
          {t("verify.uploadSubmit")}
        </button>
      </Form>
      {shown.error ? (
        <p role="alert" className="mt-6 rounded-md border border-red-700 bg-red-50 p-3 text-red-800">
          {t(shown.error)}
        </p>
      ) : null}
      {shown.result ? <Result v={shown.result} /> : null}
      <p className="mt-8 text-sm">
        <Link to="/accords" className="underline">
          {t("accords.title")}
        </Link>
      </p>
    </>
  );
}
