-- Rules the Prisma schema language cannot state, each named in schema.prisma next to its model.

ALTER TABLE "Region" ADD CONSTRAINT region_code_range CHECK (code BETWEEN 1 AND 99);

ALTER TABLE "School" ADD CONSTRAINT school_inn_format CHECK (inn ~ '^[0-9]{10}$');
ALTER TABLE "School" ADD CONSTRAINT school_ogrn_format CHECK (ogrn ~ '^[0-9]{13}$');
ALTER TABLE "School" ADD CONSTRAINT school_names_present CHECK (btrim("fullName") <> '' AND btrim("shortName") <> '');

ALTER TABLE "ProgrammeYear" ADD CONSTRAINT programme_year_range CHECK (year BETWEEN 2020 AND 2100);
ALTER TABLE "ProgrammeYear" ADD CONSTRAINT programme_year_days CHECK (
  "measureDueSoonDays" BETWEEN 0 AND 365 AND "documentsDueSoonDays" BETWEEN 0 AND 365 AND "reviewWaitDays" BETWEEN 1 AND 365);

ALTER TABLE "User" ADD CONSTRAINT user_email_lower CHECK (email = lower(email) AND email LIKE '%_@_%');

ALTER TABLE "RoleAssignment" ADD CONSTRAINT role_scope_shape CHECK (
  CASE role
    WHEN 'FEDERAL_COORDINATOR' THEN num_nonnulls("regionId", "municipalityId", "schoolId") = 0
    WHEN 'CURATOR' THEN num_nonnulls("regionId", "municipalityId", "schoolId") = 0
    WHEN 'REGIONAL_COORDINATOR' THEN "regionId" IS NOT NULL AND num_nonnulls("municipalityId", "schoolId") = 0
    WHEN 'MUNICIPAL_COORDINATOR' THEN "municipalityId" IS NOT NULL AND num_nonnulls("regionId", "schoolId") = 0
    WHEN 'SCHOOL' THEN "schoolId" IS NOT NULL AND num_nonnulls("regionId", "municipalityId") = 0
    WHEN 'OBSERVER' THEN num_nonnulls("regionId", "municipalityId", "schoolId") <= 1
  END);
CREATE UNIQUE INDEX role_assignment_unique ON "RoleAssignment" ("userId", role, "regionId", "municipalityId", "schoolId") NULLS NOT DISTINCT;

ALTER TABLE "RiskFactor" ADD CONSTRAINT risk_factor_number CHECK (number BETWEEN 1 AND 30);
ALTER TABLE "SignificanceRule" ADD CONSTRAINT significance_rule_order CHECK ("highFrom" >= "mediumFrom");

ALTER TABLE "Document" ADD CONSTRAINT document_risk_factor CHECK ((kind = 'ANTI_RISK_PROGRAMME') = ("riskFactorId" IS NOT NULL));
CREATE UNIQUE INDEX document_unique ON "Document" ("participationId", kind, "riskFactorId") NULLS NOT DISTINCT;
ALTER TABLE "Document" ADD CONSTRAINT document_revision CHECK (revision >= 0);

ALTER TABLE "StoredFile" ADD CONSTRAINT stored_file_size CHECK (size > 0);
ALTER TABLE "StoredFile" ADD CONSTRAINT stored_file_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$');
ALTER TABLE "DocumentVersion" ADD CONSTRAINT document_version_number CHECK (number >= 1);

ALTER TABLE "Review" ADD CONSTRAINT review_return_comment CHECK (
  decision = 'APPROVED' OR length(btrim(comment)) BETWEEN 1 AND 5000);

ALTER TABLE "Roadmap" ADD CONSTRAINT roadmap_owner CHECK (num_nonnulls("participationId", "municipalityId") = 1);

ALTER TABLE "Measure" ADD CONSTRAINT measure_dates CHECK ("dueDate" >= "startDate");
ALTER TABLE "Measure" ADD CONSTRAINT measure_cancel_reason CHECK (status <> 'CANCELLED' OR length(btrim("cancelReason")) > 0);
ALTER TABLE "Measure" ADD CONSTRAINT measure_title_present CHECK (btrim(title) <> '');

ALTER TABLE "MeasureEvidence" ADD CONSTRAINT measure_evidence_source CHECK ("fileId" IS NOT NULL OR url IS NOT NULL);
ALTER TABLE "MeasureComment" ADD CONSTRAINT measure_comment_body CHECK (length(btrim(body)) BETWEEN 1 AND 5000);
ALTER TABLE "Answer" ADD CONSTRAINT answer_body CHECK (btrim(body) <> '');
ALTER TABLE "ScoringCriterion" ADD CONSTRAINT scoring_criterion_points CHECK (points >= 0);
