-- AlterTable
ALTER TABLE "ProgrammeSession" ADD COLUMN     "releasedAt" TIMESTAMPTZ(3),
ADD COLUMN     "releasedEndsAt" TIMESTAMPTZ(3),
ADD COLUMN     "releasedRoomId" UUID,
ADD COLUMN     "releasedStartsAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Room" ADD COLUMN     "deletedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Track" ADD COLUMN     "deletedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "SpeakerAvailability" (
    "id" UUID NOT NULL,
    "speakerId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SpeakerAvailability_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SpeakerAvailability_speakerId_startsAt_idx" ON "SpeakerAvailability"("speakerId", "startsAt");

-- CreateIndex
CREATE INDEX "ProgrammeSession_conferenceId_releasedStartsAt_idx" ON "ProgrammeSession"("conferenceId", "releasedStartsAt");

-- CreateIndex
CREATE INDEX "ProgrammeSession_releasedRoomId_idx" ON "ProgrammeSession"("releasedRoomId");

-- AddForeignKey
ALTER TABLE "ProgrammeSession" ADD CONSTRAINT "ProgrammeSession_releasedRoomId_fkey" FOREIGN KEY ("releasedRoomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpeakerAvailability" ADD CONSTRAINT "SpeakerAvailability_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Speaker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What the public saw before releases existed stays public: the current placement of published sessions is the released one.
UPDATE "ProgrammeSession" SET "releasedRoomId" = "roomId", "releasedStartsAt" = "startsAt", "releasedEndsAt" = "endsAt", "releasedAt" = "updatedAt"
WHERE "status" = 'PUBLISHED' AND "startsAt" IS NOT NULL AND "endsAt" IS NOT NULL;
