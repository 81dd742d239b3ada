-- AlterTable
ALTER TABLE "CallForProposals" ADD COLUMN     "blindReview" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Conference" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;
