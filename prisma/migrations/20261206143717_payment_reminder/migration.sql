-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "paymentReminderSentAt" TIMESTAMPTZ(3);
