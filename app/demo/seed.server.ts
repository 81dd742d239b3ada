import { hashPassword } from "~/domain/accounts/password.server";
import { db } from "~/utils/db.server";
import { seedAccordsDemo } from "./accords.server";
import { seedNextEditionDemo } from "./next-edition.server";
import { seedProgrammeDemo } from "./programme.server";
import { seedRegistrationDemo } from "./registration.server";
import { DEMO_PASSWORD, demoOrganizations, demoPeople, DEMO_CONFERENCE_SLUG } from "./facts";

export async function seedDemo() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const conference = await db().$transaction(
    async (tx) => {
      const orgIds = new Map<string, string>();
      for (const org of demoOrganizations) {
        const row = await tx.organization.upsert({ where: { slug: org.slug }, update: {}, create: org });
        orgIds.set(org.slug, row.id);
      }
      const conference = await tx.conference.upsert({
        where: { slug: DEMO_CONFERENCE_SLUG },
        update: {},
        create: {
          slug: DEMO_CONFERENCE_SLUG,
          orgId: orgIds.get("cast")!,
          title: "2nd International Conference on Excellent Engineer Training",
          titleZh: "第二届卓越工程师培养国际会议",
          edition: 2,
          startDate: new Date("2025-09-27"),
          endDate: new Date("2025-09-27"),
          venue: "Beijing conference venue",
          city: "Beijing",
          country: "CN",
          timeZone: "Asia/Shanghai",
          description:
            "Ministers, rectors and accreditation bodies meet to share how engineers are trained, from the integration of science, industry and education to quality standards for the age of artificial intelligence. The conference closes with a joint declaration on mutual recognition of graduate engineering education and six bilateral cooperation agreements between universities.",
          descriptionZh:
            "各国教育部门、大学校长和认证机构齐聚一堂，交流卓越工程师培养经验，涵盖科教融汇、产教融合以及智能时代的质量标准。会议最后将签署研究生层次工程教育国际互认联合宣言，以及六项大学间双边合作协议。",
          defaultLocale: "zh",
          status: "PUBLISHED",
          currency: "CNY",
        },
      });
      for (const person of demoPeople) {
        const user = await tx.user.upsert({
          where: { email: person.email },
          update: {},
          create: {
            email: person.email,
            nameLatin: person.nameLatin,
            nameNative: person.nameNative,
            title: person.title,
            locale: person.locale,
            passwordHash,
            emailVerifiedAt: new Date(),
          },
        });
        for (const m of person.memberships ?? []) {
          await tx.membership.upsert({
            where: { orgId_userId: { orgId: orgIds.get(m.org)!, userId: user.id } },
            update: {},
            create: { orgId: orgIds.get(m.org)!, userId: user.id, roles: m.roles, position: m.position },
          });
        }
        for (const role of person.conferenceRoles ?? []) {
          await tx.conferenceRole.upsert({
            where: { conferenceId_userId_role: { conferenceId: conference.id, userId: user.id, role } },
            update: {},
            create: { conferenceId: conference.id, userId: user.id, role },
          });
        }
      }
      await tx.auditEvent.create({
        data: { actorId: null, action: "demo.seeded", entityType: "Conference", entityId: conference.id },
      });
      return conference;
    },
    { timeout: 60_000 },
  );
  // Each area seeds its own demo data (tickets, programme, accords) in its own module.
  // The 2025 conference as it happened (decision 062): registration closed, programme released, accords executed.
  const ctx = { conferenceId: conference.id };
  await seedRegistrationDemo({ ...ctx, edition: { kind: "past" } });
  await seedProgrammeDemo(ctx);
  await seedAccordsDemo(ctx);
  // And its invented next edition, with registration and the call for proposals open.
  await seedNextEditionDemo({ orgId: conference.orgId });
}
