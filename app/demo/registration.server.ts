import { db } from "~/utils/db.server";
import { badgeCode, paymentReference } from "~/domain/registration/codes.server";
import { issueInvoice } from "~/domain/registration/invoices.server";

/**
 * Demo data of the registration area, loaded after the organizations, people
 * and conference of seed.server.ts: CNY tickets sharing the 800-seat main hall
 * (regular, student, member institution), a free online ticket, two questions,
 * bank instructions, a voucher, and a few registrations in different states.
 * attendee@concord.test is left unregistered so the demo can be tried as them.
 */
const PAID_AT = new Date("2025-08-20T02:30:00Z");

export async function seedRegistrationDemo({ conferenceId }: { conferenceId: string }) {
  const client = db();
  if ((await client.ticketType.count({ where: { conferenceId } })) > 0) return;
  await client.$transaction(async (tx) => {
    const conference = await tx.conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { slug: true } });
    await tx.registrationSettings.create({
      data: {
        conferenceId,
        cancelUntil: new Date("2025-09-20T16:00:00Z"),
        bankInstructions:
          "Beneficiary: China Association for Science and Technology\nBank of China, Beijing Haidian Branch\nAccount 3400 0000 0000 0000 · SWIFT BKCHCNBJ110",
        bankInstructionsZh: "收款单位：中国科学技术协会\n中国银行北京海淀支行\n账号 3400 0000 0000 0000",
        // Demo seller data for invoices: plausible, and marked as demo on every document.
        sellerName: "China Association for Science and Technology · ICETE 2025 Secretariat (DEMO DATA)",
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
          quotas: { create: [{ quotaId }] },
        },
      });
    const regular = await ticket(0, "Regular", "普通代表", 1200_00, hall.id, "ANYONE", "Full conference, lunch and the evening reception.");
    const student = await ticket(1, "Student", "学生", 600_00, hall.id, "STUDENT", "Bring your student card to check-in.");
    const member = await ticket(2, "Member institution", "会员单位代表", 900_00, hall.id, "MEMBER_INSTITUTION");
    const free = await ticket(3, "Online participation", "线上参会", 0, online.id, "ANYONE", "Live stream of the plenary sessions.");
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
      data: { conferenceId, code: "IEA2025", kind: "PERCENT", value: 20, usageLimit: 50, ticketTypeIds: [regular.id] },
    });
    const people = await tx.user.findMany({
      where: {
        email: {
          in: ["beihang.admin@concord.test", "upv.admin@concord.test", "ceeaa.signatory@concord.test", "iea.signatory@concord.test"],
        },
      },
    });
    const byEmail = new Map(people.map((p) => [p.email, p.id]));
    const now = new Date();
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
          // Paid a month before the conference of September 2025: the invoice carries that date.
          confirmedAt: PAID_AT,
          payerOrganization: "Beihang University",
          payerTaxId: "12100000400010144U",
          payerAddress: "37 Xueyuan Road, Haidian District, Beijing 100191, China",
        },
        quota: hall.id,
      },
      {
        email: "upv.admin@concord.test",
        data: {
          ...base(byEmail.get("upv.admin@concord.test")!, member),
          status: "RESERVED" as const,
          method: "BANK_TRANSFER" as const,
          holdUntil: new Date(now.getTime() + 14 * 86_400_000),
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
    ];
    for (const s of seeds) {
      if (!byEmail.has(s.email)) continue;
      const r = await tx.registration.create({ data: s.data });
      // The paid one has its bank payment and gets its invoice the way a payment issues it (number 1).
      if (s.data.status === "CONFIRMED" && s.data.method !== "FREE") {
        await tx.payment.create({
          data: { registrationId: r.id, kind: "BANK_TRANSFER", amountCents: r.paidCents, currency: r.currency, note: "Demo bank transfer" },
        });
        await issueInvoice(tx, r.id, PAID_AT);
      }
      if (s.quota) await tx.quota.update({ where: { id: s.quota }, data: { used: { increment: 1 } } });
    }
  });
}
