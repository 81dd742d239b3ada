import { db } from "~/utils/db.server";

/** Public check of a letter's verification code: only approved letters verify. */
export async function verifyVisaLetter(code: string) {
  if (!/^[0-9A-F]{16}$/.test(code)) return null;
  return db().visaLetterRequest.findFirst({
    where: { verificationCode: code, status: "APPROVED" },
    select: {
      passportName: true,
      passportNumber: true,
      nationality: true,
      arrivalDate: true,
      departureDate: true,
      conference: { select: { title: true, titleZh: true } },
    },
  });
}
