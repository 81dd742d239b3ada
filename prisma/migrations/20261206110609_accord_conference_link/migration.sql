-- CreateEnum
CREATE TYPE "ConferenceLinkStatus" AS ENUM ('REQUESTED', 'ACCEPTED');

-- DropIndex
DROP INDEX "Accord_conferenceId_idx";

-- AlterTable
ALTER TABLE "Accord" ADD COLUMN     "conferenceLinkStatus" "ConferenceLinkStatus";

-- CreateIndex
CREATE INDEX "Accord_conferenceId_conferenceLinkStatus_idx" ON "Accord"("conferenceId", "conferenceLinkStatus");

-- Links made before this change: those whose creator organizes the conference (an ORGANIZER, or an admin of
-- the host organization) stand accepted, every other one becomes a request the organizers must accept.
UPDATE "Accord" a SET "conferenceLinkStatus" = CASE
  WHEN EXISTS (SELECT 1 FROM "ConferenceRole" r WHERE r."conferenceId" = a."conferenceId" AND r."userId" = a."createdById" AND r.role = 'ORGANIZER')
    OR EXISTS (SELECT 1 FROM "Conference" c JOIN "Membership" m ON m."orgId" = c."orgId"
               WHERE c.id = a."conferenceId" AND m."userId" = a."createdById" AND 'ADMIN' = ANY (m.roles))
  THEN 'ACCEPTED'::"ConferenceLinkStatus" ELSE 'REQUESTED'::"ConferenceLinkStatus" END
WHERE a."conferenceId" IS NOT NULL;
