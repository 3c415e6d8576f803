-- Survey results and profiles computed from the significance rules.
-- A rule says how its questions combine into the indicator (mean by default, as the rules so far meant).
CREATE TYPE "IndicatorCombination" AS ENUM ('MEAN', 'MAX', 'MIN');

ALTER TABLE "SignificanceRule" ADD COLUMN "combination" "IndicatorCombination" NOT NULL DEFAULT 'MEAN',
ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- A profile entry keeps what the rules computed beside the significance in force, and whether a person
-- corrected it (a re-import keeps the correction and refreshes only the computed pair).
ALTER TABLE "RiskProfileEntry" ADD COLUMN "computedSignificance" "Significance",
ADD COLUMN "computedExplanation" TEXT,
ADD COLUMN "corrected" BOOLEAN NOT NULL DEFAULT false;

-- One question's result (a share of answers pointing to the risk) per participation.
CREATE TABLE "SurveyAnswer" (
    "participationId" UUID NOT NULL,
    "questionCode" TEXT NOT NULL,
    "value" DECIMAL(12,4) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyAnswer_pkey" PRIMARY KEY ("participationId","questionCode"),
    CONSTRAINT survey_answer_value CHECK ("value" BETWEEN 0 AND 1)
);

ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TYPE "RegistryImportKind" ADD VALUE 'SURVEY';

ALTER TYPE "NotificationKind" ADD VALUE 'PROFILE_RECOMPUTED';
