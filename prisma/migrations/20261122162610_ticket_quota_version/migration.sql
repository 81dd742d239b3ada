-- AlterTable
ALTER TABLE "TicketType" ADD COLUMN     "quotaVersion" INTEGER NOT NULL DEFAULT 0;
