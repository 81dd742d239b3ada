-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "abstractZh" TEXT;
