-- AlterTable
ALTER TABLE "CallForProposals" ADD COLUMN     "sameOrganizationConflicts" BOOLEAN NOT NULL DEFAULT false;
