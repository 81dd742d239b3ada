-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "refundAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "refundDueSince" TIMESTAMPTZ(3),
ADD COLUMN     "refundError" TEXT,
ADD COLUMN     "refundRetryAt" TIMESTAMPTZ(3),
ADD COLUMN     "refundedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Payment_refundRetryAt_idx" ON "Payment"("refundRetryAt");

-- Backfill. Card payments refunded before this migration: their REFUND row names them in its note.
UPDATE "Payment" c SET "refundedAt" = r."createdAt"
FROM "Payment" r
WHERE c.kind = 'CARD' AND r.kind = 'REFUND' AND r."registrationId" = c."registrationId"
  AND r.note = 'Stripe refund of ' || c."externalId";

-- Card payments of cancelled registrations whose refund call failed before retries existed: owed since the
-- cancellation, tried by the next sweep (same idempotency key as the failed call).
UPDATE "Payment" c SET "refundDueSince" = g."cancelledAt", "refundRetryAt" = now()
FROM "Registration" g
WHERE c."registrationId" = g.id AND c.kind = 'CARD' AND c."externalId" IS NOT NULL AND c."refundedAt" IS NULL
  AND g.status = 'CANCELLED' AND g."cancelledAt" IS NOT NULL AND c."createdAt" <= g."cancelledAt";
