import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmailLinkForm, linkClass } from "~/components/accounts";
import { Field, FormErrors, SelectField, SubmitButton, firstErrorField } from "~/components/forms";
import { getMyPlaces } from "~/domain/accounts/get-my-places.server";
import { loadProfile, updateProfile } from "~/domain/accounts/profile.server";
import { replyInvalid } from "~/utils/form-action.server";
import { profileSchema } from "~/domain/accounts/schemas";
import { pick, useLocale, useT, type MessageKey } from "~/i18n";
import { orRespond } from "~/utils/http.server";
import { localeCookie } from "~/utils/locale.server";
import { requireUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Concord · My account" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [profile, places] = await Promise.all([loadProfile(user), orRespond(() => getMyPlaces({ actor: user }))]);
  return { profile, places };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await orRespond(() => requireUser(request));
  const submission = parseWithZod(await request.formData(), { schema: profileSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  await updateProfile(user, submission.value);
  // The language chosen here also applies to this browser at once (the cookie outranks the account's).
  return redirectWithToast(
    "/account",
    { message: "accounts.profile.saved" },
    { headers: { "Set-Cookie": await localeCookie.serialize(submission.value.locale) } },
  );
}

type Places = ReturnType<typeof useLoaderData<typeof loader>>["places"];

/** Every page that is this person's, so none is a dead end to find: registrations, agenda, speaker portal, desks. */
function MyPlaces({ places }: { places: Places }) {
  const t = useT();
  const locale = useLocale();
  const item = (to: string, label: string) => (
    <li key={to}>
      <Link to={to} className={linkClass}>
        {label}
      </Link>
    </li>
  );
  return (
    <section aria-labelledby="places-title" className="mt-6 rounded-md border border-stone-300 bg-white p-6" data-testid="my-places">
      <h2 id="places-title" className="text-xl font-semibold">
        {t("accounts.places.title")}
      </h2>
      <ul className="mt-2 space-y-2">
        {item("/my/registrations", t("accounts.places.registrations", { n: places.registrations }))}
        {item("/my/agenda", t("accounts.places.agenda", { n: places.stars }))}
        {places.speaker ? item("/speaker", t("accounts.places.speaker")) : null}
        {places.proposals.map((c) =>
          item(`/conferences/${c.slug}/proposals`, t("accounts.places.proposals", { conference: pick(locale, c.title, c.titleZh) })),
        )}
        {places.conferences.flatMap((c) => {
          const conference = pick(locale, c.title, c.titleZh);
          return [
            c.roles.includes("ORGANIZER")
              ? item(`/conferences/${c.slug}/manage/registrations`, t("accounts.places.organize", { conference }))
              : null,
            c.reviews ? item(`/conferences/${c.slug}/reviews`, t("accounts.places.reviews", { conference })) : null,
            c.roles.includes("CHECKIN") || c.roles.includes("ORGANIZER")
              ? item(`/conferences/${c.slug}/checkin`, t("accounts.places.checkin", { conference }))
              : null,
          ];
        })}
      </ul>
    </section>
  );
}

export default function Account() {
  const t = useT();
  const locale = useLocale();
  const { profile, places } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "profile",
    lastResult,
    defaultValue: {
      nameLatin: profile.nameLatin,
      nameNative: profile.nameNative ?? "",
      title: profile.title ?? "",
      locale: profile.locale,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const focus = firstErrorField(lastResult);
  return (
    <>
      <h1 className="text-3xl font-bold">{t("accounts.account.title")}</h1>
      <p className="mt-2">
        <Link to="/account/security" className={linkClass}>
          {t("accounts.security.title")}
        </Link>
        {" · "}
        <Link to="/account/passkeys" className={linkClass}>
          {t("passkeys.title")}
        </Link>
      </p>

      <MyPlaces places={places} />

      <section aria-labelledby="email-title" className="mt-6 rounded-md border border-stone-300 bg-white p-6">
        <h2 id="email-title" className="text-xl font-semibold">
          {t("accounts.field.email")}
        </h2>
        <p className="mt-2" data-testid="account-email">
          {profile.email}
        </p>
        {profile.emailVerifiedAt ? (
          <p className="text-green-800">
            {t("accounts.account.verified", { date: formatDateTime(new Date(profile.emailVerifiedAt), "UTC", locale) })}
          </p>
        ) : (
          <div className="mt-2">
            <p className="mb-2 text-amber-800">{t("accounts.account.unverified")}</p>
            <EmailLinkForm
              id="resend-verification"
              action="/verify-email"
              submitLabel={t("accounts.verify.resend")}
              defaultEmail={profile.email}
              hiddenEmail
            />
          </div>
        )}
      </section>

      <section aria-labelledby="profile-title" className="mt-6 rounded-md border border-stone-300 bg-white p-6">
        <h2 id="profile-title" className="mb-4 text-xl font-semibold">
          {t("accounts.profile.title")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="max-w-md">
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            meta={fields.nameLatin}
            label={t("accounts.field.nameLatin")}
            hint={t("accounts.field.nameLatinHint")}
            autoComplete="name"
            autoFocus={focus === "nameLatin"}
          />
          <Field
            meta={fields.nameNative}
            label={t("accounts.field.nameNative")}
            hint={t("accounts.field.nameNativeHint")}
            optional
            autoFocus={focus === "nameNative"}
          />
          <Field
            meta={fields.title}
            label={t("accounts.field.title")}
            hint={t("accounts.field.titleHint")}
            optional
            autoComplete="honorific-prefix"
            autoFocus={focus === "title"}
          />
          <SelectField
            meta={fields.locale}
            label={t("accounts.field.locale")}
            hint={t("accounts.field.localeHint")}
            options={[
              { value: "en", label: t("locale.en") },
              { value: "zh", label: t("locale.zh") },
            ]}
            autoFocus={focus === "locale"}
          />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="orgs-title" className="mt-6 rounded-md border border-stone-300 bg-white p-6">
        <h2 id="orgs-title" className="text-xl font-semibold">
          {t("accounts.account.affiliations")}
        </h2>
        {profile.memberships.length === 0 ? <p className="mt-2">{t("accounts.account.noAffiliations")}</p> : null}
        <ul className="mt-2 space-y-2">
          {profile.memberships.map((m) => (
            <li key={m.org.slug}>
              <Link to={`/orgs/${m.org.slug}`} className={linkClass}>
                {pick(locale, m.org.nameEn, m.org.nameNative)}
              </Link>
              {m.position ? <span> · {m.position}</span> : null}
              <span className="text-stone-600">
                {" "}
                · {[t("accounts.role.MEMBER"), ...m.roles.map((r) => t(`accounts.role.${r}` as MessageKey))].join(", ")}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
