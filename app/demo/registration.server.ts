import { db } from "~/utils/db.server";
import { badgeCode, paymentReference } from "~/domain/registration/codes.server";
import { issueInvoice } from "~/domain/registration/invoices.server";

/** Which side of time a conference's demo registrations show (decision 062). */
export type DemoRegistrationEdition =
  /** The 2025 conference as it happened: everyone paid or cancelled in September 2025; nothing is on hold. */
  | { kind: "past" }
  /** The next edition: sales open, one bank transfer still awaiting payment, dates relative to `seededAt`. */
  | { kind: "next"; seededAt: Date; startDate: Date };

const DAY = 86_400_000;

/**
 * Demo data of the registration area, loaded after the organizations, people
 * and conference of seed.server.ts: CNY tickets sharing the 800-seat main hall
 * (regular, student, member institution), a free online ticket, two questions,
 * bank instructions, a voucher, and a few registrations in different states.
 * attendee@concord.test went to the 2025 conference (paid, checked in at the door), so "My registrations"
 * shows a newcomer trying that account a finished registration with its invoice; on the next edition they
 * are left unregistered so registering can be tried as them (the 2025 conference is over and sells nothing).
 */
export async function seedRegistrationDemo({ conferenceId, edition }: { conferenceId: string; edition: DemoRegistrationEdition }) {
  const client = db();
  if ((await client.ticketType.count({ where: { conferenceId } })) > 0) return;
  await client.$transaction(async (tx) => {
    const conference = await tx.conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { slug: true } });
    await tx.registrationSettings.create({
      data: {
        conferenceId,
        cancelUntil: edition.kind === "past" ? new Date("2025-09-20T16:00:00Z") : new Date(edition.startDate.getTime() - 14 * DAY),
        bankInstructions:
          "Beneficiary: China Association for Science and Technology\nBank of China, Beijing Haidian Branch\nAccount 3400 0000 0000 0000 · SWIFT BKCHCNBJ110",
        bankInstructionsZh: "收款单位：中国科学技术协会\n中国银行北京海淀支行\n账号 3400 0000 0000 0000",
        // Demo seller data for invoices: plausible, and marked as demo on every document.
        sellerName: "China Association for Science and Technology · ICETE Secretariat (DEMO DATA)",
        sellerAddress: "3 Fuxing Road, Haidian District, Beijing 100038, China (demo address)",
        sellerTaxId: "DEMO-91100000000000000X",
        taxRateBasisPoints: 600,
      },
    });
    const hall = await tx.quota.create({ data: { conferenceId, name: "Main hall", capacity: 800 } });
    const online = await tx.quota.create({ data: { conferenceId, name: "Online", capacity: 2000 } });
    const ticket = (
      position: number,
      nameEn: string,
      nameZh: string,
      priceCents: number,
      quotaId: string,
      eligibility: "ANYONE" | "STUDENT" | "MEMBER_INSTITUTION",
      descriptionEn = "",
      descriptionZh?: string,
    ) =>
      tx.ticketType.create({
        data: {
          conferenceId,
          position,
          nameEn,
          nameZh,
          priceCents,
          currency: "CNY",
          eligibility,
          descriptionEn,
          descriptionZh,
          quotas: { create: [{ quotaId }] },
        },
      });
    const regular = await ticket(
      0,
      "Regular",
      "普通代表",
      1200_00,
      hall.id,
      "ANYONE",
      "Full conference, lunch and the evening reception.",
      "全程参会，含午餐和晚间招待会。",
    );
    const student = await ticket(
      1,
      "Student",
      "学生",
      600_00,
      hall.id,
      "STUDENT",
      "Bring your student card to check-in.",
      "签到时请出示学生证。",
    );
    const member = await ticket(2, "Member institution", "会员单位代表", 900_00, hall.id, "MEMBER_INSTITUTION");
    const free = await ticket(
      3,
      "Online participation",
      "线上参会",
      0,
      online.id,
      "ANYONE",
      "Live stream of the plenary sessions.",
      "大会全体会议网络直播。",
    );
    await tx.registrationQuestion.createMany({
      data: [
        {
          conferenceId,
          position: 1,
          kind: "CHOICE",
          labelEn: "Dietary requirements",
          labelZh: "饮食要求",
          required: true,
          options: ["none", "vegetarian", "halal"],
          optionsZh: ["无", "素食", "清真"],
        },
        {
          conferenceId,
          position: 2,
          kind: "YES_NO",
          labelEn: "Will you attend the signing ceremony?",
          labelZh: "是否参加签约仪式？",
          required: false,
          options: [],
          optionsZh: [],
        },
      ],
    });
    await tx.voucher.create({
      data: {
        conferenceId,
        code: edition.kind === "past" ? "IEA2025" : "IEA-NEXT",
        kind: "PERCENT",
        value: 20,
        usageLimit: 50,
        ticketTypeIds: [regular.id],
      },
    });
    const people = await tx.user.findMany({
      where: {
        email: {
          in: [
            "beihang.admin@concord.test",
            "upv.admin@concord.test",
            "ceeaa.signatory@concord.test",
            "iea.signatory@concord.test",
            "attendee@concord.test",
            "checkin@concord.test",
          ],
        },
      },
    });
    const byEmail = new Map(people.map((p) => [p.email, p.id]));
    // When each registration happened: September 2025 for the past edition, the days before seeding for the next.
    const now = edition.kind === "past" ? new Date("2025-09-12T02:00:00Z") : new Date(edition.seededAt.getTime() - 3 * DAY);
    const base = (userId: string, t: { id: string; priceCents: number }) => ({
      conferenceId,
      userId,
      ticketTypeId: t.id,
      priceCents: t.priceCents,
      amountCents: t.priceCents,
      currency: "CNY",
      reference: paymentReference(conference.slug),
      badgeCode: badgeCode(),
    });
    const seeds = [
      {
        email: "beihang.admin@concord.test",
        data: {
          ...base(byEmail.get("beihang.admin@concord.test")!, regular),
          status: "CONFIRMED" as const,
          method: "BANK_TRANSFER" as const,
          paidCents: 1200_00,
          confirmedAt: now,
          payerOrganization: "Beihang University",
          payerTaxId: "12100000400010144U",
          payerAddress: "37 Xueyuan Road, Haidian District, Beijing 100191, China",
        },
        quota: hall.id,
      },
      // Paid by bank transfer before the 2025 conference; on the next edition still awaiting payment.
      edition.kind === "past"
        ? {
            email: "upv.admin@concord.test",
            data: {
              ...base(byEmail.get("upv.admin@concord.test")!, member),
              status: "CONFIRMED" as const,
              method: "BANK_TRANSFER" as const,
              paidCents: 900_00,
              confirmedAt: new Date("2025-09-18T06:30:00Z"),
              payerOrganization: "Universitat Politècnica de València",
            },
            quota: hall.id,
          }
        : {
            email: "upv.admin@concord.test",
            data: {
              ...base(byEmail.get("upv.admin@concord.test")!, member),
              status: "RESERVED" as const,
              method: "BANK_TRANSFER" as const,
              // A hold never outlives the conference (decision 062); 14 days from its start is well inside.
              holdUntil: new Date(edition.seededAt.getTime() + 11 * DAY),
            },
            quota: hall.id,
          },
      {
        email: "ceeaa.signatory@concord.test",
        data: {
          ...base(byEmail.get("ceeaa.signatory@concord.test")!, free),
          status: "CONFIRMED" as const,
          method: "FREE" as const,
          confirmedAt: now,
        },
        quota: online.id,
      },
      {
        email: "iea.signatory@concord.test",
        data: {
          ...base(byEmail.get("iea.signatory@concord.test")!, student),
          status: "CANCELLED" as const,
          method: "BANK_TRANSFER" as const,
          cancelledAt: now,
        },
        quota: null,
      },
      // Amina Wanjiru (University of Nairobi) came to Beijing: paid by bank transfer, scanned in at the door.
      // Last, so the invoices above keep their numbers. Not on the next edition: registering is tried as her.
      ...(edition.kind === "past"
        ? [
            {
              email: "attendee@concord.test",
              data: {
                ...base(byEmail.get("attendee@concord.test")!, regular),
                status: "CONFIRMED" as const,
                method: "BANK_TRANSFER" as const,
                paidCents: 1200_00,
                confirmedAt: new Date("2025-09-15T09:20:00Z"),
                payerOrganization: "University of Nairobi",
                // 08:42 in Beijing on the conference day, scanned by the check-in desk (checkin@).
                checkedInAt: new Date("2025-09-27T00:42:00Z"),
              },
              quota: hall.id,
            },
          ]
        : []),
    ];
    for (const s of seeds) {
      if (!byEmail.has(s.email)) continue;
      const r = await tx.registration.create({ data: { ...s.data, createdAt: new Date(now.getTime() - 7 * DAY) } });
      // A paid one has its bank payment and gets its invoice the way a payment issues it (numbers 1, 2 …).
      if (r.status === "CONFIRMED" && r.paidCents > 0) {
        await tx.payment.create({
          data: {
            registrationId: r.id,
            kind: "BANK_TRANSFER",
            amountCents: r.paidCents,
            currency: r.currency,
            note: "Demo bank transfer",
            createdAt: r.confirmedAt!,
          },
        });
        await issueInvoice(tx, r.id, r.confirmedAt!);
      }
      if (s.quota) await tx.quota.update({ where: { id: s.quota }, data: { used: { increment: 1 } } });
      const desk = byEmail.get("checkin@concord.test");
      if (r.checkedInAt && desk) {
        await tx.checkIn.create({ data: { registrationId: r.id, scannedById: desk, duplicate: false, createdAt: r.checkedInAt } });
      }
    }
  });
}
