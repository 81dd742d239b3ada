import { Link } from "@remix-run/react";
import type { Conflict } from "~/domain/programme/conflicts.server";
import { useT } from "~/i18n";

/** Shared pieces of the programme pages (public and organizer). */

export function ConflictList({ conflicts }: { conflicts: Conflict[] }) {
  const t = useT();
  if (!conflicts.length) return null;
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-900" data-testid="conflicts">
      <p className="font-medium">{t("programme.conflict.title")}</p>
      <ul className="ml-5 list-disc">
        {conflicts.map((c, i) => (
          <li key={i}>
            {c.rule === "room"
              ? t("programme.conflict.room", { title: c.title })
              : c.rule === "speaker"
                ? t("programme.conflict.speaker", { speaker: c.speaker, title: c.title })
                : c.rule === "outside"
                  ? t("programme.conflict.outside", { first: c.firstDay, last: c.lastDay })
                  : c.rule === "unavailable"
                    ? t("programme.conflict.unavailable", { speaker: c.speaker })
                    : t("programme.conflict.capacity", {
                        room: c.room,
                        roomCapacity: c.roomCapacity,
                        workshopCapacity: c.workshopCapacity,
                      })}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ManageNav({ slug }: { slug: string }) {
  const t = useT();
  const link = "text-blue-900 underline";
  return (
    <nav aria-label={t("programme.manage.title")} className="mb-6 flex flex-wrap gap-4">
      <Link to={`/conferences/${slug}/manage/programme`} className={link}>
        {t("programme.manage.sessions")}
      </Link>
      <Link to={`/conferences/${slug}/manage/programme/rooms`} className={link}>
        {t("programme.manage.roomsTracks")}
      </Link>
      <Link to={`/conferences/${slug}/manage/programme/speakers`} className={link}>
        {t("programme.manage.speakers")}
      </Link>
      <Link to={`/conferences/${slug}/manage/timetable`} className={link}>
        {t("programme.manage.timetable")}
      </Link>
      <Link to={`/conferences/${slug}/manage/programme/cfp`} className={link}>
        {t("programme.manage.cfp")}
      </Link>
      <Link to={`/conferences/${slug}/manage/programme/proposals`} className={link}>
        {t("programme.manage.proposals")}
      </Link>
      <Link to={`/conferences/${slug}/programme`} className={link}>
        {t("programme.manage.publicPage")}
      </Link>
    </nav>
  );
}

export function ZoneNote({ zone, offset }: { zone: string; offset: string }) {
  const t = useT();
  return (
    <p className="mb-4 text-sm text-stone-700" data-testid="time-zone">
      {t("common.timeZoneLabel", { zone, offset })}
    </p>
  );
}
