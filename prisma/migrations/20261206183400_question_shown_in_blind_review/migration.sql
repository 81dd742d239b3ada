-- AlterTable
ALTER TABLE "CfpQuestion" ADD COLUMN     "shownInBlindReview" BOOLEAN NOT NULL DEFAULT false;
