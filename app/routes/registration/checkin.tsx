import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Field, FormErrors, SubmitButton } from "~/components/forms";
import { checkInDesk } from "~/domain/registration/check-in-desk.server";
import { checkIn } from "~/domain/registration/check-in.server";
import { findAttendees } from "~/domain/registration/find-attendees.server";
import { checkInByIdSchema, checkInSchema } from "~/domain/registration/schemas";
import { pick, useLocale, useT } from "~/i18n";
import { runForm } from "~/utils/form-action.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [
  { title: "Check-in · Concord" },
  { name: "viewport", content: "width=device-width, initial-scale=1" },
];

/** `?q=` searches by name (a GET form, so it works without JavaScript) for attendees without their badge. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const [desk, found] = await Promise.all([
    orRespond(() => checkInDesk({ actor: user, slug })),
    q ? orRespond(() => findAttendees({ actor: user, slug, q })) : null,
  ]);
  return { ...desk, q, found };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  if (formData.get("intent") === "check-in-id") {
    const byId = parseWithZod(formData, { schema: checkInByIdSchema });
    if (byId.status !== "success") return data({ result: byId.reply(), scan: null }, { status: 400 });
    const outcome = await runForm(request, byId, () => checkIn({ actor: user, slug, registrationId: byId.value.registrationId }));
    if (!outcome.ok) return data({ result: outcome.result, scan: null }, { status: outcome.status });
    return { result: byId.reply({ resetForm: true }), scan: outcome.value };
  }
  const submission = parseWithZod(formData, { schema: checkInSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), scan: null }, { status: 400 });
  const outcome = await runForm(request, submission, () => checkIn({ actor: user, slug, code: submission.value.code }));
  if (!outcome.ok) return data({ result: outcome.result, scan: null }, { status: outcome.status });
  // The form is cleared for the next badge; the scan result is shown above it.
  return { result: submission.reply({ resetForm: true }), scan: outcome.value };
}

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };

/** Camera scanning where the browser has BarcodeDetector; typing the code always works (also without JavaScript). */
function CameraScan({ onCode }: { onCode: (code: string) => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const [supported, setSupported] = useState(false);
  useEffect(() => setSupported("BarcodeDetector" in window && !!navigator.mediaDevices), []);
  useEffect(() => {
    if (!on || !video.current) return;
    let stop = false;
    let stream: MediaStream | undefined;
    const Ctor = (window as unknown as { BarcodeDetector: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
    const detector = new Ctor({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(async (s) => {
      stream = s;
      video.current!.srcObject = s;
      await video.current!.play();
      while (!stop) {
        const codes = await detector.detect(video.current!).catch(() => []);
        if (codes[0]) {
          onCode(codes[0].rawValue);
          setOn(false);
          break;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    return () => {
      stop = true;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [on, onCode]);
  if (!supported) return null;
  return (
    <div className="mb-4">
      <button
        type="button"
        onClick={() => setOn((v) => !v)}
        className="rounded-md border border-blue-900 px-4 py-2 font-medium text-blue-900"
      >
        {t("reg.checkin.scan")}
      </button>
      {on ? <video ref={video} className="mt-2 w-full max-w-sm rounded-md" muted playsInline /> : null}
    </div>
  );
}

export default function CheckInDesk() {
  const { conference, checkedIn, confirmed, q, found } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, fields] = useForm({
    lastResult: reply?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkInSchema }),
    shouldValidate: "onSubmit",
  });
  const scan = reply?.scan;
  const onCode = (code: string) => {
    const input = formRef.current?.elements.namedItem("code") as HTMLInputElement | null;
    if (input) input.value = code;
    formRef.current?.requestSubmit();
  };
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-1 text-2xl font-bold">{t("reg.checkin.title")}</h1>
      <p className="mb-4">{pick(locale, conference.title, conference.titleZh)}</p>
      <p className="mb-4 text-sm">{t("reg.checkin.count", { count: checkedIn, total: confirmed })}</p>
      {scan ? (
        <p
          role="status"
          className={`mb-4 rounded-md border p-4 text-lg font-semibold ${scan.duplicate ? "border-amber-700 bg-amber-50 text-amber-900" : "border-green-700 bg-green-50 text-green-900"}`}
        >
          {scan.duplicate
            ? t("reg.checkin.duplicate", {
                date: formatDateTime(new Date(scan.checkedInAt), conference.timeZone, locale),
                name: `${scan.name}${scan.nameNative ? ` ${scan.nameNative}` : ""}`,
              })
            : t("reg.checkin.ok", {
                name: `${scan.name}${scan.nameNative ? ` ${scan.nameNative}` : ""}`,
                ticket: pick(locale, scan.ticket.nameEn, scan.ticket.nameZh),
              })}
        </p>
      ) : null}
      <CameraScan onCode={onCode} />
      <Form method="post" {...getFormProps(form)} ref={formRef}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <Field meta={fields.code} label={t("reg.checkin.code")} hint={t("reg.checkin.codeHint")} autoComplete="off" autoFocus />
        <SubmitButton>{t("reg.checkin.submit")}</SubmitButton>
      </Form>
      <FindByName q={q} found={found} zone={conference.timeZone} />
    </div>
  );
}

type Found = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["found"]>;

/** Search by name; each match shows what tells two namesakes apart, and a button when they can be checked in. */
function FindByName({ q, found, zone }: { q: string; found: Found | null; zone: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="find-title" className="mt-8 border-t border-stone-300 pt-6">
      <h2 id="find-title" className="mb-2 text-xl font-semibold">
        {t("reg.checkin.findTitle")}
      </h2>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="find-q" className="block font-medium text-stone-800">
            {t("reg.checkin.findLabel")}
          </label>
          <input
            id="find-q"
            name="q"
            type="search"
            defaultValue={q}
            minLength={2}
            maxLength={100}
            autoComplete="off"
            className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2"
          />
        </div>
        <button type="submit" className="rounded-md border border-blue-900 px-4 py-2 font-medium text-blue-900">
          {t("reg.checkin.find")}
        </button>
      </Form>
      {found ? (
        <div role="status" className="mt-4">
          {found.matches.length === 0 ? (
            <p>{t(q.trim().length < 2 ? "reg.checkin.findTooShort" : "reg.checkin.findNone", { q })}</p>
          ) : (
            <>
              <p className="mb-2 text-sm">{t("reg.checkin.findCount", { n: found.matches.length, q })}</p>
              <ul className="space-y-2" data-testid="checkin-matches">
                {found.matches.map((m) => (
                  <li
                    key={m.id}
                    className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-stone-300 bg-white p-3"
                  >
                    <span>
                      <span className="font-medium">{m.user.nameLatin}</span>
                      {m.user.nameNative ? <span> {m.user.nameNative}</span> : null}
                      <span className="block text-sm text-stone-600">
                        {[pick(locale, m.ticketType.nameEn, m.ticketType.nameZh), m.payerOrganization].filter(Boolean).join(" · ")}
                      </span>
                    </span>
                    {m.status !== "CONFIRMED" ? (
                      <span className="text-sm text-amber-900">{t(`reg.checkin.status.${m.status}`)}</span>
                    ) : m.checkedInAt ? (
                      <span className="text-sm text-green-800">
                        {t("reg.checkin.already", { date: formatDateTime(new Date(m.checkedInAt), zone, locale) })}
                      </span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="check-in-id" />
                        <input type="hidden" name="registrationId" value={m.id} />
                        <button
                          type="submit"
                          className="rounded-md bg-blue-900 px-3 py-1 font-medium text-white"
                          aria-label={t("reg.checkin.submitFor", { name: m.user.nameLatin })}
                        >
                          {t("reg.checkin.submit")}
                        </button>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
              {found.more ? <p className="mt-2 text-sm">{t("reg.checkin.findMore")}</p> : null}
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
