import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { startRegistration } from "@simplewebauthn/browser";
import { useEffect, useState } from "react";
import { z } from "zod";
import { ConfirmAsk } from "~/components/confirm";
import { SubmitButton } from "~/components/forms";
import { listPasskeys } from "~/domain/accounts/list-passkeys.server";
import { removePasskey } from "~/domain/accords/passkeys.server";
import { useLocale, useT, type MessageKey } from "~/i18n";
import { confirmFirst, splitAsk } from "~/utils/confirm";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Passkeys · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const passkeys = await listPasskeys({ actor: user });
  return { passkeys };
}

const removeSchema = z.object({ intent: z.literal("remove"), id: z.string().regex(/^[0-9a-f-]{36}$/i, "validation.invalid") });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: removeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const credentialId = submission.value.id;
  const outcome = await orRespond(() => confirmFirst(formData, (confirmed) => removePasskey({ actor: user, credentialId, confirmed })));
  if (!outcome.done) return outcome.ask;
  return redirectWithToast("/account/passkeys", { message: "passkeys.removed" });
}

function Register() {
  const t = useT();
  const revalidator = useRevalidator();
  const [hydrated, setHydrated] = useState(false);
  const [name, setName] = useState("");
  const [state, setState] = useState<{ busy: boolean; message?: MessageKey; ok?: boolean }>({ busy: false });
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return <p className="text-sm text-stone-600">{t("passkeys.noJs")}</p>;
  const register = async () => {
    setState({ busy: true });
    try {
      const post = (body: object) =>
        fetch("/account/passkeys/register", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        }).then((r) => r.json());
      const { options, error } = await post({ intent: "options" });
      if (error) return setState({ busy: false, message: error });
      const response = await startRegistration({ optionsJSON: options });
      const done = await post({ intent: "finish", response, name: name || "Passkey" });
      if (done.error) return setState({ busy: false, message: done.error });
      setState({ busy: false, ok: true, message: "passkeys.registered" });
      setName("");
      revalidator.revalidate();
    } catch {
      setState({ busy: false, message: "passkeys.failed" });
    }
  };
  return (
    <div className="max-w-md">
      <label htmlFor="passkey-name" className="block font-medium">
        {t("passkeys.name")}
      </label>
      <input
        id="passkey-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={100}
        className="mb-2 mt-1 block w-full rounded-md border border-stone-400 px-3 py-2"
      />
      {state.message ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? "mb-2 text-green-800" : "mb-2 text-red-800"}>
          {t(state.message)}
        </p>
      ) : null}
      <button
        type="button"
        onClick={register}
        disabled={state.busy}
        className="rounded-md bg-blue-900 px-4 py-2 text-white disabled:opacity-50"
      >
        {t("passkeys.register")}
      </button>
    </div>
  );
}

export default function Passkeys() {
  const { passkeys } = useLoaderData<typeof loader>();
  const { ask } = splitAsk(useActionData<typeof action>());
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1 className="text-3xl font-bold">{t("passkeys.title")}</h1>
      <p className="mb-6 text-stone-700">{t("passkeys.lead")}</p>
      <ConfirmAsk ask={ask} title={t("passkeys.confirm.removeTitle")} yes={t("passkeys.confirm.removeYes")} />
      {passkeys.length === 0 ? <p className="mb-4">{t("passkeys.none")}</p> : null}
      <ul className="mb-6 space-y-2" data-testid="passkey-list">
        {passkeys.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-stone-300 bg-white p-3">
            <span>
              <strong>{p.name}</strong> · {t("passkeys.created", { date: formatDateTime(new Date(p.createdAt), "UTC", locale) })}
              {p.lastUsedAt ? ` · ${t("passkeys.lastUsed", { date: formatDateTime(new Date(p.lastUsedAt), "UTC", locale) })}` : ""}
            </span>
            <Form method="post">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="id" value={p.id} />
              <SubmitButton variant="danger">{t("passkeys.remove")}</SubmitButton>
            </Form>
          </li>
        ))}
      </ul>
      <Register />
    </>
  );
}
