import { Link } from "@remix-run/react";
import { pick, useLocale } from "~/i18n";

/** The link back to a conference's page that opens every conference sub-page. */
export function BackToConference({ conference }: { conference: { slug: string; title: string; titleZh?: string | null } }) {
  const locale = useLocale();
  return (
    <p>
      <Link to={`/conferences/${conference.slug}`} className="text-blue-900 underline">
        ← {pick(locale, conference.title, conference.titleZh)}
      </Link>
    </p>
  );
}
