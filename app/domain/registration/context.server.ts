import { pick } from "~/i18n";
import type { Tx } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";
import { formatDateTime } from "~/utils/time";
import { formatMoney } from "./money";

type ContextFacts = {
  registrationId: string;
  amountCents: number;
  currency: string;
  user: { email: string; nameLatin: string; locale: "en" | "zh" };
  ticketType: { nameEn: string; nameZh: string | null };
  conference: { slug: string; title: string; titleZh: string | null; timeZone: string };
};

/** What the registration emails say about a registration, in the attendee's language, from facts already at hand. */
export function contextFrom(f: ContextFacts) {
  const locale = f.user.locale;
  return {
    to: f.user.email,
    locale,
    conferenceSlug: f.conference.slug,
    base: {
      name: f.user.nameLatin,
      conference: pick(locale, f.conference.title, f.conference.titleZh),
      url: absoluteUrl(`/my/registrations/${f.registrationId}`),
    },
    ticket: pick(locale, f.ticketType.nameEn, f.ticketType.nameZh),
    amount: formatMoney(f.amountCents, f.currency, locale),
    when: (at: Date) => `${formatDateTime(at, f.conference.timeZone, locale)} (${f.conference.timeZone})`,
  };
}
export type RegistrationContext = ReturnType<typeof contextFrom>;

/** The same, read in the caller's transaction. */
export async function registrationContext(tx: Tx, registrationId: string): Promise<RegistrationContext> {
  const r = await tx.registration.findUniqueOrThrow({
    where: { id: registrationId },
    select: {
      amountCents: true,
      currency: true,
      user: { select: { email: true, nameLatin: true, locale: true } },
      ticketType: { select: { nameEn: true, nameZh: true } },
      conference: { select: { slug: true, title: true, titleZh: true, timeZone: true } },
    },
  });
  return contextFrom({ registrationId, ...r });
}
