-- CreateEnum
CREATE TYPE "ParticipationStatus" AS ENUM ('PARTICIPATING', 'LEFT_LOW_RESULTS', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('FEDERAL_COORDINATOR', 'REGIONAL_COORDINATOR', 'MUNICIPAL_COORDINATOR', 'CURATOR', 'SCHOOL', 'OBSERVER');

-- CreateEnum
CREATE TYPE "Significance" AS ENUM ('HIGH', 'MEDIUM', 'LOW');

-- CreateEnum
CREATE TYPE "ConfirmingParty" AS ENUM ('SCHOOL', 'CURATOR', 'MUNICIPALITY');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('CONCEPT', 'MEDIUM_TERM_PROGRAMME', 'ANTI_RISK_PROGRAMME', 'ROADMAP_ATTACHMENT');

-- CreateEnum
CREATE TYPE "DocumentStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "MeasureStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('DOCUMENT_SUBMITTED', 'DOCUMENT_APPROVED', 'DOCUMENT_RETURNED', 'REVIEW_WAITING', 'DEADLINE_SOON', 'DEADLINE_OVERDUE', 'DOCUMENTS_DUE_SOON', 'DOCUMENTS_OVERDUE', 'MEASURE_COMMENTED', 'PROFILE_CONFIRMED', 'QUESTION_ANSWERED');

-- CreateEnum
CREATE TYPE "QuestionStatus" AS ENUM ('OPEN', 'ANSWERED');

-- CreateEnum
CREATE TYPE "MaterialKind" AS ENUM ('METHODICAL', 'NORMATIVE', 'TEMPLATE', 'WEBINAR_RECORDING');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('WEBINAR', 'SEMINAR', 'CONFERENCE', 'CONSULTATION');

-- CreateEnum
CREATE TYPE "ScoringZoneColor" AS ENUM ('GREEN', 'YELLOW', 'RED');

-- CreateTable
CREATE TABLE "Region" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Moscow',

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Municipality" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "regionId" UUID NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Municipality_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "School" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "municipalityId" UUID NOT NULL,
    "fullName" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "inn" TEXT,
    "ogrn" TEXT,
    "address" TEXT,
    "canParticipate" BOOLEAN NOT NULL DEFAULT true,
    "canHostCurators" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "School_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeYear" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "conceptDocumentsDue" DATE NOT NULL,
    "roadmapDue" DATE,
    "measureDueSoonDays" INTEGER NOT NULL DEFAULT 7,
    "documentsDueSoonDays" INTEGER NOT NULL DEFAULT 14,
    "reviewWaitDays" INTEGER NOT NULL DEFAULT 5,
    "coordinatorsMayReview" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ProgrammeYear_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "programmeYearId" UUID NOT NULL,
    "decree" TEXT,
    "status" "ParticipationStatus" NOT NULL DEFAULT 'PARTICIPATING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CuratorAssignment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "curatorId" UUID NOT NULL,
    "participationId" UUID NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CuratorAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "position" TEXT,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "organisationId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "regionId" UUID,
    "municipalityId" UUID,
    "schoolId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tokenHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInFailure" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskFactor" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeYearId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,

    CONSTRAINT "RiskFactor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskProfile" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "participationId" UUID NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RiskProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskProfileEntry" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "profileId" UUID NOT NULL,
    "riskFactorId" UUID NOT NULL,
    "significance" "Significance" NOT NULL,
    "explanation" TEXT,
    "chosen" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "RiskProfileEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskProfileConfirmation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "profileId" UUID NOT NULL,
    "party" "ConfirmingParty" NOT NULL,
    "userId" UUID NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskProfileConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignificanceRule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeYearId" UUID NOT NULL,
    "riskFactorId" UUID NOT NULL,
    "indicatorCode" TEXT NOT NULL,
    "indicatorTitle" TEXT NOT NULL,
    "questionCodes" TEXT[],
    "highFrom" DECIMAL(12,4) NOT NULL,
    "mediumFrom" DECIMAL(12,4) NOT NULL,

    CONSTRAINT "SignificanceRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "participationId" UUID NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "riskFactorId" UUID,
    "status" "DocumentStatus" NOT NULL DEFAULT 'DRAFT',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "uploadedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentVersion" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "documentId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "fileId" UUID NOT NULL,
    "uploadedById" UUID NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,
    "submittedAt" TIMESTAMP(3),
    "submittedById" UUID,

    CONSTRAINT "DocumentVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "documentId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "comment" TEXT,
    "reviewerId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Roadmap" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeYearId" UUID NOT NULL,
    "participationId" UUID,
    "municipalityId" UUID,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Roadmap_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Measure" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "roadmapId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "startDate" DATE,
    "dueDate" DATE,
    "periodLabel" TEXT,
    "responsible" TEXT[],
    "riskFactorId" UUID,
    "indicatorName" TEXT,
    "indicatorUnit" TEXT,
    "baselineValue" DECIMAL(14,4),
    "targetValue" DECIMAL(14,4),
    "actualValue" DECIMAL(14,4),
    "status" "MeasureStatus" NOT NULL DEFAULT 'PLANNED',
    "completedAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Measure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureEvidence" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "measureId" UUID NOT NULL,
    "fileId" UUID,
    "url" TEXT,
    "note" TEXT,
    "addedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeasureEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureComment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "measureId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeasureComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "recipientId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "title" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "schoolId" UUID,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Question" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeYearId" UUID,
    "authorId" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "QuestionStatus" NOT NULL DEFAULT 'OPEN',
    "inFaq" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Answer" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "questionId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Answer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Material" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeYearId" UUID,
    "kind" "MaterialKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "fileId" UUID,
    "url" TEXT,
    "publishedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Material_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Practice" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID,
    "riskFactorId" UUID,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "fileId" UUID,
    "url" TEXT,
    "publishedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Practice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeYearId" UUID,
    "kind" "EventKind" NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "url" TEXT,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "eventId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "attended" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoringCriterion" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeYearId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "threshold" DECIMAL(12,4) NOT NULL,
    "points" INTEGER NOT NULL,

    CONSTRAINT "ScoringCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoringZone" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeYearId" UUID NOT NULL,
    "color" "ScoringZoneColor" NOT NULL,
    "minPoints" INTEGER NOT NULL,

    CONSTRAINT "ScoringZone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegionScore" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "regionId" UUID NOT NULL,
    "programmeYearId" UUID NOT NULL,
    "points" INTEGER NOT NULL,
    "details" JSONB NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegionScore_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Region_code_key" ON "Region"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Region_name_key" ON "Region"("name");

-- CreateIndex
CREATE INDEX "Municipality_regionId_idx" ON "Municipality"("regionId");

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_regionId_name_key" ON "Municipality"("regionId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "School_inn_key" ON "School"("inn");

-- CreateIndex
CREATE UNIQUE INDEX "School_ogrn_key" ON "School"("ogrn");

-- CreateIndex
CREATE INDEX "School_municipalityId_idx" ON "School"("municipalityId");

-- CreateIndex
CREATE UNIQUE INDEX "School_municipalityId_shortName_key" ON "School"("municipalityId", "shortName");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeYear_year_key" ON "ProgrammeYear"("year");

-- CreateIndex
CREATE INDEX "Participation_programmeYearId_status_idx" ON "Participation"("programmeYearId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_schoolId_programmeYearId_key" ON "Participation"("schoolId", "programmeYearId");

-- CreateIndex
CREATE INDEX "CuratorAssignment_participationId_idx" ON "CuratorAssignment"("participationId");

-- CreateIndex
CREATE UNIQUE INDEX "CuratorAssignment_curatorId_participationId_key" ON "CuratorAssignment"("curatorId", "participationId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "RoleAssignment_userId_idx" ON "RoleAssignment"("userId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_userId_idx" ON "Invitation"("userId");

-- CreateIndex
CREATE INDEX "SignInFailure_email_createdAt_idx" ON "SignInFailure"("email", "createdAt");

-- CreateIndex
CREATE INDEX "SignInFailure_ip_createdAt_idx" ON "SignInFailure"("ip", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RiskFactor_programmeYearId_number_key" ON "RiskFactor"("programmeYearId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "RiskProfile_participationId_key" ON "RiskProfile"("participationId");

-- CreateIndex
CREATE INDEX "RiskProfileEntry_riskFactorId_idx" ON "RiskProfileEntry"("riskFactorId");

-- CreateIndex
CREATE UNIQUE INDEX "RiskProfileEntry_profileId_riskFactorId_key" ON "RiskProfileEntry"("profileId", "riskFactorId");

-- CreateIndex
CREATE UNIQUE INDEX "RiskProfileConfirmation_profileId_party_key" ON "RiskProfileConfirmation"("profileId", "party");

-- CreateIndex
CREATE UNIQUE INDEX "SignificanceRule_programmeYearId_indicatorCode_key" ON "SignificanceRule"("programmeYearId", "indicatorCode");

-- CreateIndex
CREATE INDEX "Document_participationId_idx" ON "Document"("participationId");

-- CreateIndex
CREATE INDEX "Document_status_submittedAt_idx" ON "Document"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "StoredFile_sha256_idx" ON "StoredFile"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentVersion_documentId_number_key" ON "DocumentVersion"("documentId", "number");

-- CreateIndex
CREATE INDEX "Review_documentId_idx" ON "Review"("documentId");

-- CreateIndex
CREATE UNIQUE INDEX "Review_versionId_key" ON "Review"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "Roadmap_participationId_key" ON "Roadmap"("participationId");

-- CreateIndex
CREATE UNIQUE INDEX "Roadmap_municipalityId_programmeYearId_key" ON "Roadmap"("municipalityId", "programmeYearId");

-- CreateIndex
CREATE INDEX "Measure_roadmapId_position_idx" ON "Measure"("roadmapId", "position");

-- CreateIndex
CREATE INDEX "Measure_dueDate_status_idx" ON "Measure"("dueDate", "status");

-- CreateIndex
CREATE INDEX "MeasureEvidence_measureId_idx" ON "MeasureEvidence"("measureId");

-- CreateIndex
CREATE INDEX "MeasureComment_measureId_idx" ON "MeasureComment"("measureId");

-- CreateIndex
CREATE INDEX "Notification_recipientId_id_idx" ON "Notification"("recipientId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_recipientId_dedupeKey_key" ON "Notification"("recipientId", "dedupeKey");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_schoolId_createdAt_idx" ON "AuditEvent"("schoolId", "createdAt");

-- CreateIndex
CREATE INDEX "Question_status_createdAt_idx" ON "Question"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Answer_questionId_idx" ON "Answer"("questionId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_eventId_userId_key" ON "Attendance"("eventId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ScoringCriterion_programmeYearId_code_key" ON "ScoringCriterion"("programmeYearId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "ScoringZone_programmeYearId_color_key" ON "ScoringZone"("programmeYearId", "color");

-- CreateIndex
CREATE UNIQUE INDEX "RegionScore_regionId_programmeYearId_key" ON "RegionScore"("regionId", "programmeYearId");

-- AddForeignKey
ALTER TABLE "Municipality" ADD CONSTRAINT "Municipality_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "School" ADD CONSTRAINT "School_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_programmeYearId_fkey" FOREIGN KEY ("programmeYearId") REFERENCES "ProgrammeYear"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CuratorAssignment" ADD CONSTRAINT "CuratorAssignment_curatorId_fkey" FOREIGN KEY ("curatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CuratorAssignment" ADD CONSTRAINT "CuratorAssignment_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskFactor" ADD CONSTRAINT "RiskFactor_programmeYearId_fkey" FOREIGN KEY ("programmeYearId") REFERENCES "ProgrammeYear"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskProfile" ADD CONSTRAINT "RiskProfile_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskProfileEntry" ADD CONSTRAINT "RiskProfileEntry_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "RiskProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskProfileEntry" ADD CONSTRAINT "RiskProfileEntry_riskFactorId_fkey" FOREIGN KEY ("riskFactorId") REFERENCES "RiskFactor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskProfileConfirmation" ADD CONSTRAINT "RiskProfileConfirmation_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "RiskProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignificanceRule" ADD CONSTRAINT "SignificanceRule_programmeYearId_fkey" FOREIGN KEY ("programmeYearId") REFERENCES "ProgrammeYear"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignificanceRule" ADD CONSTRAINT "SignificanceRule_riskFactorId_fkey" FOREIGN KEY ("riskFactorId") REFERENCES "RiskFactor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_riskFactorId_fkey" FOREIGN KEY ("riskFactorId") REFERENCES "RiskFactor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentVersion" ADD CONSTRAINT "DocumentVersion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentVersion" ADD CONSTRAINT "DocumentVersion_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Roadmap" ADD CONSTRAINT "Roadmap_programmeYearId_fkey" FOREIGN KEY ("programmeYearId") REFERENCES "ProgrammeYear"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Roadmap" ADD CONSTRAINT "Roadmap_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Roadmap" ADD CONSTRAINT "Roadmap_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_riskFactorId_fkey" FOREIGN KEY ("riskFactorId") REFERENCES "RiskFactor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureEvidence" ADD CONSTRAINT "MeasureEvidence_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureEvidence" ADD CONSTRAINT "MeasureEvidence_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureComment" ADD CONSTRAINT "MeasureComment_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_programmeYearId_fkey" FOREIGN KEY ("programmeYearId") REFERENCES "ProgrammeYear"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Material" ADD CONSTRAINT "Material_programmeYearId_fkey" FOREIGN KEY ("programmeYearId") REFERENCES "ProgrammeYear"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Material" ADD CONSTRAINT "Material_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Practice" ADD CONSTRAINT "Practice_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Practice" ADD CONSTRAINT "Practice_riskFactorId_fkey" FOREIGN KEY ("riskFactorId") REFERENCES "RiskFactor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Practice" ADD CONSTRAINT "Practice_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_programmeYearId_fkey" FOREIGN KEY ("programmeYearId") REFERENCES "ProgrammeYear"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoringCriterion" ADD CONSTRAINT "ScoringCriterion_programmeYearId_fkey" FOREIGN KEY ("programmeYearId") REFERENCES "ProgrammeYear"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoringZone" ADD CONSTRAINT "ScoringZone_programmeYearId_fkey" FOREIGN KEY ("programmeYearId") REFERENCES "ProgrammeYear"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionScore" ADD CONSTRAINT "RegionScore_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionScore" ADD CONSTRAINT "RegionScore_programmeYearId_fkey" FOREIGN KEY ("programmeYearId") REFERENCES "ProgrammeYear"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
