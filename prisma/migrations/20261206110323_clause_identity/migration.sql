-- Clauses get identities (decision 060). Existing data: until now a clause's
-- identity WAS its number, so clause n of every version of an accord gets the
-- same key, derived from (accord id, n), and comments and amendments that named
-- clause n get that key too. Clause texts and numbers do not change, so the
-- content and document hashes of every existing version stay what they were.

-- CreateEnum
CREATE TYPE "CommentVisibility" AS ENUM ('SHARED', 'INTERNAL');

-- Clause keys
ALTER TABLE "AccordClause" ADD COLUMN "key" UUID,
ADD COLUMN "outOfStep" BOOLEAN NOT NULL DEFAULT false;
UPDATE "AccordClause" c SET "key" = md5(v."accordId"::text || ':clause:' || c."number")::uuid
FROM "AccordVersion" v WHERE v."id" = c."versionId";
ALTER TABLE "AccordClause" ALTER COLUMN "key" SET NOT NULL;
CREATE UNIQUE INDEX "AccordClause_versionId_key_language_key" ON "AccordClause"("versionId", "key", "language");

-- Comments follow the clause key and may be internal to one organization
DROP INDEX "AccordComment_accordId_clauseNumber_idx";
ALTER TABLE "AccordComment" ADD COLUMN "clauseKey" UUID,
ADD COLUMN "orgId" UUID,
ADD COLUMN "visibility" "CommentVisibility" NOT NULL DEFAULT 'SHARED';
UPDATE "AccordComment" SET "clauseKey" = md5("accordId"::text || ':clause:' || "clauseNumber")::uuid;
ALTER TABLE "AccordComment" ALTER COLUMN "clauseKey" SET NOT NULL,
DROP COLUMN "clauseNumber";
CREATE INDEX "AccordComment_accordId_clauseKey_idx" ON "AccordComment"("accordId", "clauseKey");

-- Amendments name the clause key, and their text moves to one row per language with the text it was written against
CREATE TABLE "AccordAmendmentText" (
    "amendmentId" UUID NOT NULL,
    "language" TEXT NOT NULL,
    "baseText" TEXT NOT NULL,
    "proposedText" TEXT NOT NULL,

    CONSTRAINT "AccordAmendmentText_pkey" PRIMARY KEY ("amendmentId","language")
);
ALTER TABLE "AccordAmendmentText" ADD CONSTRAINT "AccordAmendmentText_amendmentId_fkey" FOREIGN KEY ("amendmentId") REFERENCES "AccordAmendment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
INSERT INTO "AccordAmendmentText" ("amendmentId", "language", "baseText", "proposedText")
SELECT a."id", a."language", COALESCE(c."text", ''), a."proposedText"
FROM "AccordAmendment" a
LEFT JOIN "AccordVersion" v ON v."accordId" = a."accordId" AND v."number" = a."baseVersion"
LEFT JOIN "AccordClause" c ON c."versionId" = v."id" AND c."number" = a."clauseNumber" AND c."language" = a."language";
ALTER TABLE "AccordAmendment" ADD COLUMN "clauseKey" UUID;
UPDATE "AccordAmendment" SET "clauseKey" = md5("accordId"::text || ':clause:' || "clauseNumber")::uuid;
ALTER TABLE "AccordAmendment" ALTER COLUMN "clauseKey" SET NOT NULL,
DROP COLUMN "clauseNumber",
DROP COLUMN "language",
DROP COLUMN "proposedText";
ALTER TABLE "AccordAmendment" ADD COLUMN "decidedByName" TEXT;
