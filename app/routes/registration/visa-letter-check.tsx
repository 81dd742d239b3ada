import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { verifyVisaLetter } from "~/domain/registration/verify-visa-letter.server";
import { pick, useLocale, useT } from "~/i18n";
import { countryName } from "~/utils/countries";
import { formatCalendarDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Verify an invitation letter · Concord" }, { name: "robots", content: "noindex" }];

/** Public: embassies check a letter by the code printed on it (only part of the passport number is shown). */
export async function loader({ params }: LoaderFunctionArgs) {
  const letter = await verifyVisaLetter((params.code ?? "").toUpperCase());
  return { letter: letter ? { ...letter, passportNumber: `…${letter.passportNumber.slice(-4)}` } : null };
}

export default function VerifyLetter() {
  const { letter } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">{t("reg.visa.verify.title")}</h1>
      {letter ? (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-4">
          {t("reg.visa.verify.valid", {
            name: letter.passportName,
            nationality: countryName(letter.nationality, locale),
            passport: letter.passportNumber,
            conference: pick(locale, letter.conference.title, letter.conference.titleZh),
            from: formatCalendarDate(new Date(letter.arrivalDate), locale),
            to: formatCalendarDate(new Date(letter.departureDate), locale),
          })}
        </p>
      ) : (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4">
          {t("reg.visa.verify.invalid")}
        </p>
      )}
    </>
  );
}
