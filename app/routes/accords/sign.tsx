import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { startAuthentication } from "@simplewebauthn/browser";
import { useEffect, useState } from "react";
import { Field, FormErrors, SubmitButton, TextareaField, firstErrorField } from "~/components/forms";
import { getSigningPage } from "~/domain/accords/get-signing-page.server";
import { declineAccord } from "~/domain/accords/lifecycle.server";
import { declineSchema, requestCodeSchema, signWithCodeSchema } from "~/domain/accords/schema";
import { requestSigningCode, signWithCode } from "~/domain/accords/sign-accord.server";
import { pick, useLocale, useT, type MessageKey } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond, signingClient } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { accord, clauses, parties, passkeys } = await orRespond(() => getSigningPage({ actor: user, accordId: params.id ?? "" }));
  return { accord, clauses, parties, passkeys, myName: user.nameLatin };
}

const schemas = { "request-code": requestCodeSchema, "sign-code": signWithCodeSchema, decline: declineSchema } as const;
type ActionResult = { form: string; result: SubmissionResult<string[]>; nonce?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const accordId = params.id ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (!(intent in schemas)) throw new Response("Unknown intent", { status: 400 });
  const submission = parseWithZod(formData, { schema: schemas[intent as keyof typeof schemas] });
  const key = `${intent === "sign-code" ? "request-code" : intent}:${String(formData.get("partyId") ?? "")}`;
  if (submission.status !== "success")
    return data<ActionResult>(
      { form: key, result: submission.reply(), nonce: String(formData.get("nonce") ?? "") || undefined },
      { status: 400 },
    );
  const v = submission.value;
  const outcome = await runForm(request, submission, async (): Promise<{ nonce?: string; message?: MessageKey }> => {
    switch (v.intent) {
      case "request-code":
        return requestSigningCode({ actor: user, accordId, partyId: v.partyId, documentHash: v.documentHash });
      case "sign-code": {
        const r = await signWithCode({
          actor: user,
          accordId,
          partyId: v.partyId,
          documentHash: v.documentHash,
          nonce: v.nonce,
          code: v.code,
          typedName: v.typedName,
          confirmed: true,
          client: signingClient(request),
        });
        return { message: r.executed ? "accords.sign.executedToast" : "accords.sign.done" };
      }
      case "decline":
        await declineAccord({ actor: user, accordId, partyId: v.partyId, reason: v.reason });
        return { message: "accords.sign.declinedToast" };
    }
  });
  if (!outcome.ok)
    return data<ActionResult>(
      { form: key, result: outcome.result, nonce: v.intent === "sign-code" ? v.nonce : undefined },
      { status: outcome.status },
    );
  if (outcome.value.nonce)
    return data<ActionResult>({ form: key, result: submission.reply({ resetForm: true }), nonce: outcome.value.nonce });
  return redirectWithToast(`/accords/${accordId}`, { message: outcome.value.message! });
}

function useResultFor(key: string) {
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  return actionData?.form === key ? actionData : undefined;
}

type Party = ReturnType<typeof useLoaderData<typeof loader>>["parties"][number];

function PasskeySign({
  accordId,
  party,
  documentHash,
  orgName,
  hasPasskey,
}: {
  accordId: string;
  party: Party;
  documentHash: string;
  orgName: string;
  hasPasskey: boolean;
}) {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [state, setState] = useState<{ busy: boolean; error?: MessageKey }>({ busy: false });
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return <p className="text-sm text-stone-600">{t("accords.sign.noJs")}</p>;
  if (!hasPasskey) {
    return (
      <p>
        <a href="/account/passkeys" className="text-blue-900 underline">
          {t("accords.sign.addPasskey")}
        </a>
      </p>
    );
  }
  const post = async (payload: object) => {
    const res = await fetch(`/accords/${accordId}/passkey`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
    return (await res.json()) as {
      error?: MessageKey;
      nonce?: string;
      options?: Parameters<typeof startAuthentication>[0]["optionsJSON"];
      executed?: boolean;
    };
  };
  const sign = async () => {
    setState({ busy: true });
    try {
      const start = await post({ intent: "options", partyId: party.id, documentHash });
      if (start.error || !start.options) return setState({ busy: false, error: start.error ?? "accords.sign.passkeyFailed" });
      const response = await startAuthentication({ optionsJSON: start.options });
      const done = await post({ intent: "finish", partyId: party.id, documentHash, nonce: start.nonce, response, confirmed });
      if (done.error) return setState({ busy: false, error: done.error });
      window.location.assign(`/accords/${accordId}`);
    } catch {
      setState({ busy: false, error: "accords.sign.passkeyFailed" });
    }
  };
  return (
    <div className="mb-4">
      <label className="mb-2 flex items-start gap-2">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} className="mt-1 h-4 w-4" />
        <span>{t("accords.sign.confirm", { org: orgName })}</span>
      </label>
      <p className="mb-2 text-sm text-stone-600">{t("accords.sign.passkeyHint")}</p>
      {state.error ? (
        <p role="alert" className="mb-2 text-red-800">
          {t(state.error)}
        </p>
      ) : null}
      <button
        type="button"
        disabled={!confirmed || state.busy}
        onClick={sign}
        className="rounded-md bg-blue-900 px-4 py-2 text-white disabled:opacity-50"
      >
        {state.busy ? t("accords.sign.working") : t("accords.sign.withPasskey")}
      </button>
    </div>
  );
}

function CodeSign({ party, documentHash, orgName, myName }: { party: Party; documentHash: string; orgName: string; myName: string }) {
  const t = useT();
  const result = useResultFor(`request-code:${party.id}`);
  const nonce = result?.nonce;
  const [form, fields] = useForm({
    id: `code-${party.id}`,
    lastResult: nonce ? result?.result : undefined,
    defaultValue: { typedName: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signWithCodeSchema }),
    shouldValidate: "onBlur",
  });
  const focus = firstErrorField(result?.result);
  return (
    <details className="mt-4" open={!!nonce}>
      <summary className="cursor-pointer text-blue-900 underline">{t("accords.sign.fallback")}</summary>
      {!nonce ? (
        <Form method="post" className="mt-2">
          <input type="hidden" name="intent" value="request-code" />
          <input type="hidden" name="partyId" value={party.id} />
          <input type="hidden" name="documentHash" value={documentHash} />
          <FormErrors id={`request-${party.id}`} errors={result?.result.error?.[""] ?? undefined} />
          <SubmitButton variant="secondary">{t("accords.sign.requestCode")}</SubmitButton>
        </Form>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-2 max-w-md">
          <p role="status" className="mb-2">
            {t("accords.sign.codeSent")}
          </p>
          <input type="hidden" name="intent" value="sign-code" />
          <input type="hidden" name="partyId" value={party.id} />
          <input type="hidden" name="documentHash" value={documentHash} />
          <input type="hidden" name="nonce" value={nonce} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            meta={fields.typedName}
            label={t("accords.sign.typedName")}
            hint={myName}
            autoComplete="name"
            autoFocus={focus === "typedName"}
          />
          <Field meta={fields.code} label={t("accords.sign.code")} autoComplete="one-time-code" autoFocus={!focus || focus === "code"} />
          <label className="mb-3 flex items-start gap-2">
            <input type="checkbox" name="confirm" className="mt-1 h-4 w-4" aria-invalid={fields.confirm.errors ? true : undefined} />
            <span>{t("accords.sign.confirm", { org: orgName })}</span>
          </label>
          {fields.confirm.errors ? <p className="text-sm text-red-700">{t("accords.validation.confirm")}</p> : null}
          <SubmitButton>{t("accords.sign.submitCode")}</SubmitButton>
        </Form>
      )}
    </details>
  );
}

function DeclineForm({ party }: { party: Party }) {
  const t = useT();
  const result = useResultFor(`decline:${party.id}`);
  const [form, fields] = useForm({
    id: `decline-${party.id}`,
    lastResult: result?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declineSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <details className="mt-4">
      <summary className="cursor-pointer text-red-800 underline">{t("accords.sign.decline")}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 max-w-md">
        <input type="hidden" name="intent" value="decline" />
        <input type="hidden" name="partyId" value={party.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField meta={fields.reason} label={t("accords.sign.declineReason")} rows={2} />
        <SubmitButton variant="danger">{t("accords.sign.decline")}</SubmitButton>
      </Form>
    </details>
  );
}

export default function Sign() {
  const { accord, clauses, parties, passkeys, myName } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  // Say why there is nothing to sign when the accord stopped, rather than a generic line.
  if (accord.status === "DECLINED") return <p role="status">{t("accords.sign.declinedAccord")}</p>;
  if (accord.status === "EXPIRED") return <p role="status">{t("accords.sign.expired")}</p>;
  if (accord.status === "WITHDRAWN") return <p role="status">{t("accords.sign.withdrawn")}</p>;
  if (accord.status !== "SIGNING" || !accord.documentHash || parties.length === 0) return <p>{t("accords.sign.nothing")}</p>;
  return (
    <>
      <h2 className="mb-2 text-2xl font-semibold">{t("accords.sign.title")}</h2>
      <p className="mb-4">{t("accords.sign.readFirst")}</p>
      {accord.languages.map((l) => (
        <section key={l} lang={l} className="mb-6 rounded-md border border-stone-300 bg-white p-4">
          <h3 className="mb-2 font-semibold">{t(`accords.lang.${l as "en" | "zh"}`)}</h3>
          <ol className="space-y-2">
            {clauses.map((c) => (
              <li key={c.number} className="whitespace-pre-wrap">
                {c.number}. {c.text[l]}
              </li>
            ))}
          </ol>
        </section>
      ))}
      {parties.map((p) => {
        const orgName = pick(locale, p.org.nameEn, p.org.nameNative);
        return (
          <section
            key={p.id}
            className="mb-8 rounded-md border-2 border-blue-900 bg-white p-4"
            aria-label={`${t("accords.sign.yourParties")} ${orgName}`}
          >
            <h3 className="mb-2 text-lg font-semibold">
              {t("accords.sign.yourParties")}: {orgName}
            </h3>
            {p.role === "WITNESS" ? <p className="mb-2">{t("accords.signAsWitness", { org: orgName })}</p> : null}
            <p className="mb-3 break-all font-mono text-sm">{accord.documentHash}</p>
            <PasskeySign accordId={accord.id} party={p} documentHash={accord.documentHash!} orgName={orgName} hasPasskey={passkeys > 0} />
            <CodeSign party={p} documentHash={accord.documentHash!} orgName={orgName} myName={myName} />
            {p.role === "PARTY" ? <DeclineForm party={p} /> : null}
          </section>
        );
      })}
    </>
  );
}
