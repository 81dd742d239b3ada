-- AlterEnum
ALTER TYPE "AccordStatus" ADD VALUE 'DECLINED';

-- AlterTable
ALTER TABLE "Accord" ADD COLUMN     "declinedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reminderEveryDays" INTEGER DEFAULT 3,
ADD COLUMN     "revisionOfId" UUID,
ADD COLUMN     "signingEndsOn" DATE;

-- CreateIndex
CREATE UNIQUE INDEX "Accord_revisionOfId_key" ON "Accord"("revisionOfId");

-- AddForeignKey
ALTER TABLE "Accord" ADD CONSTRAINT "Accord_revisionOfId_fkey" FOREIGN KEY ("revisionOfId") REFERENCES "Accord"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Accords created before this migration ended their signing period at the end of the UTC day.
UPDATE "Accord" SET "signingEndsOn" = ("signingEndsAt" AT TIME ZONE 'UTC')::date WHERE "signingEndsAt" IS NOT NULL;
