-- AlterTable
ALTER TABLE "Accord" ADD COLUMN     "refKey" TEXT;

-- AlterTable
ALTER TABLE "AccordAuditEntry" ADD COLUMN     "actorRef" TEXT,
ADD COLUMN     "privateHash" TEXT,
ADD COLUMN     "privatePart" JSONB;

-- AlterTable
ALTER TABLE "AccordSignature" ADD COLUMN     "ipAddress" TEXT,
ADD COLUMN     "signerRef" TEXT,
ADD COLUMN     "userAgent" TEXT;
