-- CreateEnum
CREATE TYPE "AccordKind" AS ENUM ('JOINT_DECLARATION', 'BILATERAL_AGREEMENT', 'MEMORANDUM_OF_UNDERSTANDING');

-- CreateEnum
CREATE TYPE "AccordStatus" AS ENUM ('DRAFTING', 'SIGNING', 'EXECUTED', 'WITHDRAWN', 'EXPIRED');

-- CreateEnum
CREATE TYPE "AccordPartyRole" AS ENUM ('PARTY', 'WITNESS');

-- CreateEnum
CREATE TYPE "AmendmentStatus" AS ENUM ('PROPOSED', 'ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "SignatureMethod" AS ENUM ('PASSKEY', 'EMAIL_CODE');

-- CreateTable
CREATE TABLE "Accord" (
    "id" UUID NOT NULL,
    "kind" "AccordKind" NOT NULL,
    "title" TEXT NOT NULL,
    "titleZh" TEXT,
    "conferenceId" UUID,
    "initiatorOrgId" UUID NOT NULL,
    "languages" TEXT[],
    "status" "AccordStatus" NOT NULL DEFAULT 'DRAFTING',
    "signingEndsAt" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "frozenVersion" INTEGER,
    "canonicalText" TEXT,
    "documentHash" TEXT,
    "frozenAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),
    "withdrawReason" TEXT,
    "expiredAt" TIMESTAMPTZ(3),
    "lastReminderAt" TIMESTAMPTZ(3),
    "executedAt" TIMESTAMPTZ(3),
    "sealPayload" TEXT,
    "sealSignature" TEXT,
    "sealKeyId" TEXT,
    "pdf" BYTEA,
    "pdfHash" TEXT,
    "chainHead" TEXT,
    "chainLength" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Accord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccordParty" (
    "id" UUID NOT NULL,
    "accordId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "role" "AccordPartyRole" NOT NULL DEFAULT 'PARTY',
    "position" INTEGER NOT NULL,
    "signingGroup" INTEGER NOT NULL DEFAULT 1,
    "approvedVersion" INTEGER,
    "approvedAt" TIMESTAMPTZ(3),
    "approvedById" UUID,
    "declinedAt" TIMESTAMPTZ(3),
    "declinedById" UUID,
    "declineReason" TEXT,

    CONSTRAINT "AccordParty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccordSignatory" (
    "id" UUID NOT NULL,
    "partyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "position" TEXT,
    "designatedById" UUID NOT NULL,
    "delegatedFromId" UUID,
    "delegateReason" TEXT,
    "endedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccordSignatory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccordVersion" (
    "id" UUID NOT NULL,
    "accordId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "authorId" UUID,
    "authorName" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccordVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccordClause" (
    "versionId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "AccordClause_pkey" PRIMARY KEY ("versionId","number","language")
);

-- CreateTable
CREATE TABLE "AccordComment" (
    "id" UUID NOT NULL,
    "accordId" UUID NOT NULL,
    "clauseNumber" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "parentId" UUID,
    "authorId" UUID NOT NULL,
    "authorName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccordComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccordAmendment" (
    "id" UUID NOT NULL,
    "accordId" UUID NOT NULL,
    "clauseNumber" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "proposedText" TEXT NOT NULL,
    "rationale" TEXT NOT NULL DEFAULT '',
    "proposerOrgId" UUID NOT NULL,
    "proposerId" UUID NOT NULL,
    "proposerName" TEXT NOT NULL,
    "status" "AmendmentStatus" NOT NULL DEFAULT 'PROPOSED',
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "rejectReason" TEXT,
    "resultVersion" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccordAmendment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccordSignature" (
    "id" UUID NOT NULL,
    "accordId" UUID NOT NULL,
    "partyId" UUID NOT NULL,
    "signerId" UUID NOT NULL,
    "signerName" TEXT NOT NULL,
    "signerRole" TEXT,
    "orgName" TEXT NOT NULL,
    "method" "SignatureMethod" NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "documentHash" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "challenge" TEXT NOT NULL,
    "credentialId" TEXT,
    "publicKey" TEXT,
    "authenticatorData" TEXT,
    "clientDataJSON" TEXT,
    "signature" TEXT,
    "userHandle" TEXT,
    "rpId" TEXT,
    "origin" TEXT,
    "typedName" TEXT,
    "emailedTo" TEXT,

    CONSTRAINT "AccordSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccordSigningNonce" (
    "id" UUID NOT NULL,
    "accordId" UUID NOT NULL,
    "partyId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "method" "SignatureMethod" NOT NULL,
    "nonce" TEXT NOT NULL,
    "codeHash" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccordSigningNonce_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccordAuditEntry" (
    "id" BIGSERIAL NOT NULL,
    "accordId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorId" UUID,
    "actorName" TEXT,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AccordAuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebAuthnCredential" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "credentialId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "counter" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT[],
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebAuthnCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebAuthnChallenge" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "challenge" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebAuthnChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Accord_pdfHash_key" ON "Accord"("pdfHash");

-- CreateIndex
CREATE INDEX "Accord_conferenceId_idx" ON "Accord"("conferenceId");

-- CreateIndex
CREATE INDEX "Accord_status_signingEndsAt_idx" ON "Accord"("status", "signingEndsAt");

-- CreateIndex
CREATE INDEX "Accord_documentHash_idx" ON "Accord"("documentHash");

-- CreateIndex
CREATE INDEX "AccordParty_orgId_idx" ON "AccordParty"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "AccordParty_accordId_orgId_key" ON "AccordParty"("accordId", "orgId");

-- CreateIndex
CREATE INDEX "AccordSignatory_partyId_idx" ON "AccordSignatory"("partyId");

-- CreateIndex
CREATE INDEX "AccordSignatory_userId_idx" ON "AccordSignatory"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AccordVersion_accordId_number_key" ON "AccordVersion"("accordId", "number");

-- CreateIndex
CREATE INDEX "AccordComment_accordId_clauseNumber_idx" ON "AccordComment"("accordId", "clauseNumber");

-- CreateIndex
CREATE INDEX "AccordAmendment_accordId_status_idx" ON "AccordAmendment"("accordId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AccordSignature_partyId_key" ON "AccordSignature"("partyId");

-- CreateIndex
CREATE INDEX "AccordSignature_accordId_idx" ON "AccordSignature"("accordId");

-- CreateIndex
CREATE UNIQUE INDEX "AccordSigningNonce_nonce_key" ON "AccordSigningNonce"("nonce");

-- CreateIndex
CREATE INDEX "AccordSigningNonce_accordId_userId_idx" ON "AccordSigningNonce"("accordId", "userId");

-- CreateIndex
CREATE INDEX "AccordAuditEntry_accordId_seq_idx" ON "AccordAuditEntry"("accordId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "WebAuthnCredential_credentialId_key" ON "WebAuthnCredential"("credentialId");

-- CreateIndex
CREATE INDEX "WebAuthnCredential_userId_idx" ON "WebAuthnCredential"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "WebAuthnChallenge_challenge_key" ON "WebAuthnChallenge"("challenge");

-- CreateIndex
CREATE INDEX "WebAuthnChallenge_userId_idx" ON "WebAuthnChallenge"("userId");

-- AddForeignKey
ALTER TABLE "Accord" ADD CONSTRAINT "Accord_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Accord" ADD CONSTRAINT "Accord_initiatorOrgId_fkey" FOREIGN KEY ("initiatorOrgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordParty" ADD CONSTRAINT "AccordParty_accordId_fkey" FOREIGN KEY ("accordId") REFERENCES "Accord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordParty" ADD CONSTRAINT "AccordParty_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordSignatory" ADD CONSTRAINT "AccordSignatory_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "AccordParty"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordSignatory" ADD CONSTRAINT "AccordSignatory_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordVersion" ADD CONSTRAINT "AccordVersion_accordId_fkey" FOREIGN KEY ("accordId") REFERENCES "Accord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordClause" ADD CONSTRAINT "AccordClause_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AccordVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordComment" ADD CONSTRAINT "AccordComment_accordId_fkey" FOREIGN KEY ("accordId") REFERENCES "Accord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordComment" ADD CONSTRAINT "AccordComment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "AccordComment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordAmendment" ADD CONSTRAINT "AccordAmendment_accordId_fkey" FOREIGN KEY ("accordId") REFERENCES "Accord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordSignature" ADD CONSTRAINT "AccordSignature_accordId_fkey" FOREIGN KEY ("accordId") REFERENCES "Accord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordSignature" ADD CONSTRAINT "AccordSignature_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "AccordParty"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordSigningNonce" ADD CONSTRAINT "AccordSigningNonce_accordId_fkey" FOREIGN KEY ("accordId") REFERENCES "Accord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordSigningNonce" ADD CONSTRAINT "AccordSigningNonce_partyId_fkey" FOREIGN KEY ("partyId") REFERENCES "AccordParty"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccordAuditEntry" ADD CONSTRAINT "AccordAuditEntry_accordId_fkey" FOREIGN KEY ("accordId") REFERENCES "Accord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebAuthnCredential" ADD CONSTRAINT "WebAuthnCredential_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
