import { now } from "~/utils/clock.server";
import { db } from "~/utils/db.server";
import { DEMO_NEXT_CONFERENCE_SLUG } from "./facts";
import { seedRegistrationDemo } from "./registration.server";

const DAY = 86_400_000;

/** A calendar day (midnight UTC, as DATE columns hold it) `days` after `from`. */
const dayAfter = (from: Date, days: number) => new Date(Math.floor(from.getTime() / DAY + days) * DAY);

/**
 * The demo's other side of time (decision 062): an invented next edition whose
 * dates are relative to the day the demo is seeded — about six months ahead —
 * so that registration and the call for proposals are open whenever the demo
 * is tried, while the 2025 conference stays as it happened (over, registration
 * closed). Marked `demo`, so its page says the data is invented.
 * Seeded once: a second run leaves an existing edition (and what people did on it) alone.
 */
export async function seedNextEditionDemo({ orgId, seededAt = now() }: { orgId: string; seededAt?: Date }) {
  const client = db();
  const existing = await client.conference.findUnique({ where: { slug: DEMO_NEXT_CONFERENCE_SLUG }, select: { id: true } });
  if (existing) return existing;
  const startDate = dayAfter(seededAt, 182);
  const endDate = dayAfter(seededAt, 183);
  const conference = await client.$transaction(async (tx) => {
    const conference = await tx.conference.create({
      data: {
        slug: DEMO_NEXT_CONFERENCE_SLUG,
        orgId,
        title: "3rd International Conference on Excellent Engineer Training",
        titleZh: "第三届卓越工程师培养国际会议",
        edition: 3,
        startDate,
        endDate,
        venue: "Conference venue to be announced",
        city: "Beijing",
        country: "CN",
        timeZone: "Asia/Shanghai",
        description:
          "The next edition after Beijing 2025, invented for the demo: two days on putting the joint declaration on mutual recognition of graduate engineering education into practice, and on the first results of the six bilateral agreements. Registration and the call for proposals are open.",
        descriptionZh:
          "2025 年北京会议之后的下一届会议（演示用虚构数据）：为期两天，探讨如何落实研究生层次工程教育国际互认联合宣言，并交流六项双边合作协议的初步成果。报名和论文征集现已开放。",
        defaultLocale: "zh",
        status: "PUBLISHED",
        currency: "CNY",
        demo: true,
      },
    });
    // The same team as in 2025.
    const team = await tx.user.findMany({
      where: { email: { in: ["organizer@concord.test", "reviewer@concord.test", "checkin@concord.test"] } },
      select: { id: true, email: true },
    });
    const roleOf = {
      "organizer@concord.test": "ORGANIZER",
      "reviewer@concord.test": "REVIEWER",
      "checkin@concord.test": "CHECKIN",
    } as const;
    await tx.conferenceRole.createMany({
      data: team.map((u) => ({ conferenceId: conference.id, userId: u.id, role: roleOf[u.email as keyof typeof roleOf] })),
    });
    const practice = await tx.track.create({
      data: { conferenceId: conference.id, name: "Recognition in practice", nameZh: "互认实践", colour: "#1e3a8a", position: 0 },
    });
    const partnerships = await tx.track.create({
      data: { conferenceId: conference.id, name: "Partnerships one year on", nameZh: "合作一年回顾", colour: "#9a3412", position: 1 },
    });
    await tx.room.create({ data: { conferenceId: conference.id, name: "Main Hall", nameZh: "主会场", capacity: 800, position: 0 } });
    await tx.callForProposals.create({
      data: {
        conferenceId: conference.id,
        opensAt: new Date(seededAt.getTime() - 7 * DAY),
        closesAt: new Date(seededAt.getTime() + 90 * DAY),
        formats: ["PAPER_SESSION", "PANEL", "WORKSHOP"],
        intro:
          "We invite papers, panels and workshops on graduate engineering education across borders: accreditation, joint supervision, industry projects and the use of AI in teaching.",
        introZh: "诚邀围绕跨国研究生工程教育的论文、圆桌和工作坊提案：专业认证、联合培养、产业项目以及人工智能在教学中的应用。",
        blindReview: true,
      },
    });
    await tx.reviewCriterion.createMany({
      data: [
        { conferenceId: conference.id, name: "Relevance", nameZh: "相关性", maxScore: 5, position: 0 },
        { conferenceId: conference.id, name: "Originality", nameZh: "原创性", maxScore: 5, position: 1 },
      ],
    });
    const reviewer = team.find((u) => u.email === "reviewer@concord.test");
    if (reviewer)
      await tx.reviewerAssignment.createMany({
        data: [practice, partnerships].map((t) => ({ trackId: t.id, userId: reviewer.id })),
      });
    return conference;
  });
  await seedRegistrationDemo({ conferenceId: conference.id, edition: { kind: "next", seededAt, startDate } });
  return conference;
}
