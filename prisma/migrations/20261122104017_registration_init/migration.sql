-- CreateEnum
CREATE TYPE "TicketEligibility" AS ENUM ('ANYONE', 'STUDENT', 'MEMBER_INSTITUTION');

-- CreateEnum
CREATE TYPE "QuestionKind" AS ENUM ('TEXT', 'CHOICE', 'MULTI_CHOICE', 'YES_NO', 'COUNTRY');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('RESERVED', 'CONFIRMED', 'EXPIRED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('FREE', 'CARD', 'BANK_TRANSFER');

-- CreateEnum
CREATE TYPE "PaymentKind" AS ENUM ('CARD', 'BANK_TRANSFER', 'REFUND');

-- CreateEnum
CREATE TYPE "VoucherKind" AS ENUM ('PERCENT', 'FIXED');

-- CreateEnum
CREATE TYPE "WaitlistStatus" AS ENUM ('WAITING', 'OFFERED', 'CLAIMED', 'EXPIRED', 'LEFT');

-- CreateEnum
CREATE TYPE "VisaLetterStatus" AS ENUM ('REQUESTED', 'APPROVED', 'DECLINED');

-- CreateTable
CREATE TABLE "RegistrationSettings" (
    "conferenceId" UUID NOT NULL,
    "cardHoldMinutes" INTEGER NOT NULL DEFAULT 30,
    "bankHoldDays" INTEGER NOT NULL DEFAULT 14,
    "offerHours" INTEGER NOT NULL DEFAULT 48,
    "cancelUntil" TIMESTAMPTZ(3),
    "bankInstructions" TEXT NOT NULL DEFAULT '',
    "bankInstructionsZh" TEXT,
    "nextReceiptNumber" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RegistrationSettings_pkey" PRIMARY KEY ("conferenceId")
);

-- CreateTable
CREATE TABLE "Quota" (
    "id" UUID NOT NULL,
    "conferenceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Quota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketType" (
    "id" UUID NOT NULL,
    "conferenceId" UUID NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameZh" TEXT,
    "descriptionEn" TEXT NOT NULL DEFAULT '',
    "descriptionZh" TEXT,
    "priceCents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "salesStart" TIMESTAMPTZ(3),
    "salesEnd" TIMESTAMPTZ(3),
    "eligibility" "TicketEligibility" NOT NULL DEFAULT 'ANYONE',
    "perPersonLimit" INTEGER NOT NULL DEFAULT 1,
    "position" INTEGER NOT NULL DEFAULT 0,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketTypeQuota" (
    "ticketTypeId" UUID NOT NULL,
    "quotaId" UUID NOT NULL,

    CONSTRAINT "TicketTypeQuota_pkey" PRIMARY KEY ("ticketTypeId","quotaId")
);

-- CreateTable
CREATE TABLE "RegistrationQuestion" (
    "id" UUID NOT NULL,
    "conferenceId" UUID NOT NULL,
    "kind" "QuestionKind" NOT NULL,
    "labelEn" TEXT NOT NULL,
    "labelZh" TEXT,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "options" TEXT[],
    "optionsZh" TEXT[],
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegistrationQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Registration" (
    "id" UUID NOT NULL,
    "conferenceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "ticketTypeId" UUID NOT NULL,
    "status" "RegistrationStatus" NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "priceCents" INTEGER NOT NULL,
    "discountCents" INTEGER NOT NULL DEFAULT 0,
    "amountCents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "paidCents" INTEGER NOT NULL DEFAULT 0,
    "refundedCents" INTEGER NOT NULL DEFAULT 0,
    "holdUntil" TIMESTAMPTZ(3),
    "reference" TEXT NOT NULL,
    "badgeCode" TEXT NOT NULL,
    "voucherId" UUID,
    "payerOrganization" TEXT,
    "payerTaxId" TEXT,
    "eligibilityConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "stripeSessionId" TEXT,
    "stripePaymentIntentId" TEXT,
    "receiptNumber" INTEGER,
    "confirmedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "checkedInAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrationAnswer" (
    "registrationId" UUID NOT NULL,
    "questionId" UUID NOT NULL,
    "text" TEXT,
    "choices" TEXT[],
    "yes" BOOLEAN,

    CONSTRAINT "RegistrationAnswer_pkey" PRIMARY KEY ("registrationId","questionId")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL,
    "registrationId" UUID NOT NULL,
    "kind" "PaymentKind" NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "externalId" TEXT,
    "note" TEXT,
    "recordedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Voucher" (
    "id" UUID NOT NULL,
    "conferenceId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "VoucherKind" NOT NULL,
    "value" INTEGER NOT NULL,
    "usageLimit" INTEGER,
    "used" INTEGER NOT NULL DEFAULT 0,
    "validFrom" TIMESTAMPTZ(3),
    "validUntil" TIMESTAMPTZ(3),
    "ticketTypeIds" UUID[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Voucher_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WaitlistEntry" (
    "id" UUID NOT NULL,
    "conferenceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "ticketTypeId" UUID NOT NULL,
    "status" "WaitlistStatus" NOT NULL DEFAULT 'WAITING',
    "offeredAt" TIMESTAMPTZ(3),
    "offerExpiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WaitlistEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisaLetterRequest" (
    "id" UUID NOT NULL,
    "conferenceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "passportName" TEXT NOT NULL,
    "passportNumber" TEXT NOT NULL,
    "nationality" CHAR(2) NOT NULL,
    "birthDate" DATE NOT NULL,
    "arrivalDate" DATE NOT NULL,
    "departureDate" DATE NOT NULL,
    "status" "VisaLetterStatus" NOT NULL DEFAULT 'REQUESTED',
    "declineReason" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "verificationCode" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "VisaLetterRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" UUID NOT NULL,
    "registrationId" UUID NOT NULL,
    "scannedById" UUID NOT NULL,
    "duplicate" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Quota_conferenceId_idx" ON "Quota"("conferenceId");

-- CreateIndex
CREATE INDEX "TicketType_conferenceId_position_idx" ON "TicketType"("conferenceId", "position");

-- CreateIndex
CREATE INDEX "TicketTypeQuota_quotaId_idx" ON "TicketTypeQuota"("quotaId");

-- CreateIndex
CREATE INDEX "RegistrationQuestion_conferenceId_position_idx" ON "RegistrationQuestion"("conferenceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_reference_key" ON "Registration"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_badgeCode_key" ON "Registration"("badgeCode");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_stripeSessionId_key" ON "Registration"("stripeSessionId");

-- CreateIndex
CREATE INDEX "Registration_conferenceId_status_ticketTypeId_idx" ON "Registration"("conferenceId", "status", "ticketTypeId");

-- CreateIndex
CREATE INDEX "Registration_conferenceId_createdAt_id_idx" ON "Registration"("conferenceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Registration_status_holdUntil_idx" ON "Registration"("status", "holdUntil");

-- CreateIndex
CREATE INDEX "Registration_userId_idx" ON "Registration"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_conferenceId_userId_key" ON "Registration"("conferenceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_conferenceId_receiptNumber_key" ON "Registration"("conferenceId", "receiptNumber");

-- CreateIndex
CREATE INDEX "RegistrationAnswer_questionId_idx" ON "RegistrationAnswer"("questionId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_externalId_key" ON "Payment"("externalId");

-- CreateIndex
CREATE INDEX "Payment_registrationId_idx" ON "Payment"("registrationId");

-- CreateIndex
CREATE UNIQUE INDEX "Voucher_conferenceId_code_key" ON "Voucher"("conferenceId", "code");

-- CreateIndex
CREATE INDEX "WaitlistEntry_conferenceId_status_createdAt_idx" ON "WaitlistEntry"("conferenceId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "WaitlistEntry_status_offerExpiresAt_idx" ON "WaitlistEntry"("status", "offerExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "WaitlistEntry_conferenceId_userId_key" ON "WaitlistEntry"("conferenceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "VisaLetterRequest_verificationCode_key" ON "VisaLetterRequest"("verificationCode");

-- CreateIndex
CREATE INDEX "VisaLetterRequest_conferenceId_status_idx" ON "VisaLetterRequest"("conferenceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "VisaLetterRequest_conferenceId_userId_key" ON "VisaLetterRequest"("conferenceId", "userId");

-- CreateIndex
CREATE INDEX "CheckIn_registrationId_idx" ON "CheckIn"("registrationId");

-- AddForeignKey
ALTER TABLE "RegistrationSettings" ADD CONSTRAINT "RegistrationSettings_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quota" ADD CONSTRAINT "Quota_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketType" ADD CONSTRAINT "TicketType_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketTypeQuota" ADD CONSTRAINT "TicketTypeQuota_ticketTypeId_fkey" FOREIGN KEY ("ticketTypeId") REFERENCES "TicketType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketTypeQuota" ADD CONSTRAINT "TicketTypeQuota_quotaId_fkey" FOREIGN KEY ("quotaId") REFERENCES "Quota"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationQuestion" ADD CONSTRAINT "RegistrationQuestion_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_ticketTypeId_fkey" FOREIGN KEY ("ticketTypeId") REFERENCES "TicketType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_voucherId_fkey" FOREIGN KEY ("voucherId") REFERENCES "Voucher"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationAnswer" ADD CONSTRAINT "RegistrationAnswer_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationAnswer" ADD CONSTRAINT "RegistrationAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "RegistrationQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Voucher" ADD CONSTRAINT "Voucher_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_ticketTypeId_fkey" FOREIGN KEY ("ticketTypeId") REFERENCES "TicketType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisaLetterRequest" ADD CONSTRAINT "VisaLetterRequest_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisaLetterRequest" ADD CONSTRAINT "VisaLetterRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
