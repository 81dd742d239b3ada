-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('INVOICE', 'CREDIT_NOTE');

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "payerAddress" TEXT;

-- AlterTable
ALTER TABLE "RegistrationSettings" ADD COLUMN     "sellerAddress" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sellerName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sellerTaxId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "taxExemptReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "taxRateBasisPoints" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Invoice" (
    "id" UUID NOT NULL,
    "conferenceId" UUID NOT NULL,
    "registrationId" UUID NOT NULL,
    "kind" "InvoiceKind" NOT NULL,
    "number" INTEGER NOT NULL,
    "numberText" TEXT NOT NULL,
    "creditsId" UUID,
    "grossCents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankRefund" (
    "id" UUID NOT NULL,
    "registrationId" UUID NOT NULL,
    "invoiceId" UUID,
    "amountCents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "requestedById" UUID,
    "paidOutOn" DATE,
    "paidOutRef" TEXT,
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BankRefund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_creditsId_key" ON "Invoice"("creditsId");

-- CreateIndex
CREATE INDEX "Invoice_registrationId_issuedAt_idx" ON "Invoice"("registrationId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_conferenceId_number_key" ON "Invoice"("conferenceId", "number");

-- CreateIndex
CREATE INDEX "BankRefund_registrationId_idx" ON "BankRefund"("registrationId");

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_creditsId_fkey" FOREIGN KEY ("creditsId") REFERENCES "Invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankRefund" ADD CONSTRAINT "BankRefund_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankRefund" ADD CONSTRAINT "BankRefund_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- An issued invoice or credit note is never edited (decision 058): a refund or cancellation issues a
-- credit note instead. Deletion stays possible only through the conference's own deletion (cascade).
-- (The body is an E-string with \073 for the semicolon: the migration runner splits statements at every semicolon.)
CREATE FUNCTION "invoice_is_immutable"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN RAISE EXCEPTION ''Invoice % is issued and cannot be changed: issue a credit note instead'', OLD."numberText"\073 END\073';
CREATE TRIGGER "Invoice_immutable" BEFORE UPDATE ON "Invoice" FOR EACH ROW EXECUTE FUNCTION "invoice_is_immutable"();
