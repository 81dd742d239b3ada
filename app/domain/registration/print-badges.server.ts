import { db } from "~/utils/db.server";
import { formatCalendarDate } from "~/utils/time";
import { renderBadges } from "./document-pdfs.server";
import { managedConference, type ManageOptions } from "./manage-context.server";

export type PrintBadgesOptions = ManageOptions & { layout: "single" | "sheet" };

/**
 * Every confirmed registration's badge in one PDF for the organizers to print at once: A4 sheets of
 * four A6 badges with cut lines, or one A6 badge per page; ordered by name.
 */
export async function printBadges({ actor, slug, layout }: PrintBadgesOptions) {
  const c = await managedConference(db(), actor, slug);
  const rows = await db().registration.findMany({
    where: { conferenceId: c.id, status: "CONFIRMED" },
    orderBy: [{ user: { nameLatin: "asc" } }, { id: "asc" }],
    select: {
      badgeCode: true,
      user: {
        select: {
          nameLatin: true,
          nameNative: true,
          memberships: { take: 1, orderBy: { createdAt: "asc" }, select: { org: { select: { nameEn: true, nameNative: true } } } },
        },
      },
      ticketType: { select: { nameEn: true, nameZh: true } },
    },
  });
  const dates = `${formatCalendarDate(c.startDate, "en")} – ${formatCalendarDate(c.endDate, "en")} · ${c.city}`;
  const bytes = await renderBadges(
    rows.map((r) => {
      const org = r.user.memberships[0]?.org;
      return {
        conferenceTitle: c.title,
        conferenceTitleNative: c.titleZh,
        dates,
        nameLatin: r.user.nameLatin,
        nameNative: r.user.nameNative,
        organization: org ? (org.nameNative && org.nameNative !== org.nameEn ? `${org.nameEn} · ${org.nameNative}` : org.nameEn) : null,
        ticketType: `${r.ticketType.nameEn}${r.ticketType.nameZh ? ` · ${r.ticketType.nameZh}` : ""}`,
        code: r.badgeCode,
      };
    }),
    layout,
    `Badges ${c.title}`,
  );
  return { filename: `${c.slug}-badges-${layout}.pdf`, bytes, count: rows.length };
}
