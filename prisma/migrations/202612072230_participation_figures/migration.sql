-- Stored per-participation report figures (api/src/modules/report/sql/stored.ts). A row holds the
-- figures of one participation computed by the report job from one snapshot, the generation it was
-- computed at, and the range of days («day» to «validTo», in the region's time zone) over which its
-- date-dependent measure counts stay exact. Every write that can change a figure bumps the generation
-- and clears «fresh» in the writing transaction (deferred triggers below), so a report uses a row only
-- while nothing it was computed from has changed since: otherwise it computes that participation live.
CREATE TABLE "ParticipationFigures" (
    "participationId" UUID NOT NULL,
    "generation" BIGINT NOT NULL DEFAULT 0,
    "fresh" BOOLEAN NOT NULL DEFAULT false,
    "day" DATE,
    "validTo" DATE,
    "computedAt" TIMESTAMP(3),
    "d_owed" INTEGER NOT NULL DEFAULT 0,
    "d_missing" INTEGER NOT NULL DEFAULT 0,
    "d_draft" INTEGER NOT NULL DEFAULT 0,
    "d_submitted" INTEGER NOT NULL DEFAULT 0,
    "d_awaiting_review" INTEGER NOT NULL DEFAULT 0,
    "d_approved" INTEGER NOT NULL DEFAULT 0,
    "d_returned" INTEGER NOT NULL DEFAULT 0,
    "d_open" INTEGER NOT NULL DEFAULT 0,
    "d_decisions" INTEGER NOT NULL DEFAULT 0,
    "d_approvals" INTEGER NOT NULL DEFAULT 0,
    "d_returns" INTEGER NOT NULL DEFAULT 0,
    "d_decision_days" DOUBLE PRECISION[] NOT NULL DEFAULT '{}',
    "m_measures" INTEGER NOT NULL DEFAULT 0,
    "m_planned" INTEGER NOT NULL DEFAULT 0,
    "m_in_progress" INTEGER NOT NULL DEFAULT 0,
    "m_done" INTEGER NOT NULL DEFAULT 0,
    "m_done_confirmed" INTEGER NOT NULL DEFAULT 0,
    "m_cancelled" INTEGER NOT NULL DEFAULT 0,
    "m_due_so_far" INTEGER NOT NULL DEFAULT 0,
    "m_done_on_time" INTEGER NOT NULL DEFAULT 0,
    "m_overdue" INTEGER NOT NULL DEFAULT 0,
    "m_with_indicator" INTEGER NOT NULL DEFAULT 0,
    "m_indicators_reported" INTEGER NOT NULL DEFAULT 0,
    "m_indicators_attained" INTEGER NOT NULL DEFAULT 0,
    "m_attainment_sum" DOUBLE PRECISION,
    "r_rows" INTEGER NOT NULL DEFAULT 0,
    "r_submitted" INTEGER NOT NULL DEFAULT 0,
    "r_awaiting_review" INTEGER NOT NULL DEFAULT 0,
    "r_approved" INTEGER NOT NULL DEFAULT 0,
    "r_returned" INTEGER NOT NULL DEFAULT 0,
    "r_open" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ParticipationFigures_pkey" PRIMARY KEY ("participationId")
);

ALTER TABLE "ParticipationFigures" ADD CONSTRAINT "ParticipationFigures_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- (Function bodies spell their semicolons as \073: Prisma's driver-adapter migrator splits scripts at
-- every semicolon, dollar quotes included.)
-- Marks participations' stored figures stale: a new generation, not fresh. Participations deleted in the
-- same transaction are skipped (their row goes with them).
CREATE FUNCTION "medk_figures_stale"(pids UUID[]) RETURNS void LANGUAGE sql AS E'
  INSERT INTO "ParticipationFigures" ("participationId", "generation")
  SELECT p."id", 1 FROM "Participation" p WHERE p."id" = ANY(pids) ORDER BY p."id"
  ON CONFLICT ("participationId") DO UPDATE SET "generation" = "ParticipationFigures"."generation" + 1, "fresh" = false';

-- One trigger function for every table the figures are computed from: it finds the participations the
-- old and the new row belong to.
CREATE FUNCTION "medk_figures_touch"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE pids UUID[]\073
BEGIN
  IF TG_TABLE_NAME IN (''Document'', ''Roadmap'', ''RiskProfile'') THEN
    pids := ARRAY[CASE WHEN TG_OP <> ''INSERT'' THEN OLD."participationId" END, CASE WHEN TG_OP <> ''DELETE'' THEN NEW."participationId" END]\073
  ELSIF TG_TABLE_NAME = ''Participation'' THEN
    pids := ARRAY[NEW."id"]\073
  ELSIF TG_TABLE_NAME IN (''Measure'', ''RoadmapVersion'', ''RoadmapReview'') THEN
    SELECT array_agg(r."participationId") INTO pids FROM "Roadmap" r
      WHERE r."id" IN (CASE WHEN TG_OP <> ''INSERT'' THEN OLD."roadmapId" END, CASE WHEN TG_OP <> ''DELETE'' THEN NEW."roadmapId" END)\073
  ELSIF TG_TABLE_NAME IN (''DocumentVersion'', ''Review'') THEN
    SELECT array_agg(d."participationId") INTO pids FROM "Document" d
      WHERE d."id" IN (CASE WHEN TG_OP <> ''INSERT'' THEN OLD."documentId" END, CASE WHEN TG_OP <> ''DELETE'' THEN NEW."documentId" END)\073
  ELSIF TG_TABLE_NAME = ''RiskProfileEntry'' THEN
    SELECT array_agg(rp."participationId") INTO pids FROM "RiskProfile" rp
      WHERE rp."id" IN (CASE WHEN TG_OP <> ''INSERT'' THEN OLD."profileId" END, CASE WHEN TG_OP <> ''DELETE'' THEN NEW."profileId" END)\073
  ELSIF TG_TABLE_NAME = ''School'' THEN
    SELECT array_agg(p."id") INTO pids FROM "Participation" p WHERE p."schoolId" = NEW."id"\073
  ELSIF TG_TABLE_NAME = ''Municipality'' THEN
    SELECT array_agg(p."id") INTO pids FROM "Participation" p JOIN "School" s ON s."id" = p."schoolId" WHERE s."municipalityId" = NEW."id"\073
  ELSIF TG_TABLE_NAME = ''Region'' THEN
    SELECT array_agg(p."id") INTO pids FROM "Participation" p JOIN "School" s ON s."id" = p."schoolId"
      JOIN "Municipality" m ON m."id" = s."municipalityId" WHERE m."regionId" = NEW."id"\073
  END IF\073
  IF pids IS NOT NULL THEN PERFORM "medk_figures_stale"(pids)\073 END IF\073
  RETURN NULL\073
END';

-- Deferred: the generation row is locked at commit only, as the writing transaction's last step, so a
-- school's writes never wait on each other mid-transaction, and a row computed from a snapshot without
-- this transaction's writes is always invalidated after it was stored.
CREATE CONSTRAINT TRIGGER "Measure_figures" AFTER INSERT OR DELETE OR UPDATE OF "roadmapId", "status", "dueDate", "completedAt", "confirmedAt", "targetValue", "actualValue", "baselineValue" ON "Measure"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
CREATE CONSTRAINT TRIGGER "Roadmap_figures" AFTER INSERT OR DELETE OR UPDATE OF "participationId", "status" ON "Roadmap"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
CREATE CONSTRAINT TRIGGER "RoadmapVersion_figures" AFTER INSERT OR DELETE OR UPDATE OF "roadmapId" ON "RoadmapVersion"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
CREATE CONSTRAINT TRIGGER "RoadmapReview_figures" AFTER INSERT OR DELETE OR UPDATE OF "roadmapId", "decision" ON "RoadmapReview"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
CREATE CONSTRAINT TRIGGER "Document_figures" AFTER INSERT OR DELETE OR UPDATE OF "participationId", "kind", "riskFactorId", "status" ON "Document"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
CREATE CONSTRAINT TRIGGER "DocumentVersion_figures" AFTER INSERT OR DELETE OR UPDATE OF "documentId", "submittedAt" ON "DocumentVersion"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
CREATE CONSTRAINT TRIGGER "Review_figures" AFTER INSERT OR DELETE OR UPDATE OF "documentId", "versionId", "decision", "createdAt" ON "Review"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
CREATE CONSTRAINT TRIGGER "RiskProfile_figures" AFTER INSERT OR DELETE OR UPDATE OF "participationId" ON "RiskProfile"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
CREATE CONSTRAINT TRIGGER "RiskProfileEntry_figures" AFTER INSERT OR DELETE OR UPDATE OF "profileId", "riskFactorId", "chosen" ON "RiskProfileEntry"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
-- The region's time zone decides the day a measure was completed on.
CREATE CONSTRAINT TRIGGER "Participation_figures" AFTER UPDATE OF "schoolId" ON "Participation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
CREATE CONSTRAINT TRIGGER "School_figures" AFTER UPDATE OF "municipalityId" ON "School"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
CREATE CONSTRAINT TRIGGER "Municipality_figures" AFTER UPDATE OF "regionId" ON "Municipality"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();
CREATE CONSTRAINT TRIGGER "Region_figures" AFTER UPDATE OF "timeZone" ON "Region"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_figures_touch"();

-- TRUNCATE has no row triggers: emptying any source table empties the stored figures.
CREATE FUNCTION "medk_figures_truncate"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN DELETE FROM "ParticipationFigures"\073 RETURN NULL\073 END';
CREATE TRIGGER "Measure_figures_truncate" AFTER TRUNCATE ON "Measure" FOR EACH STATEMENT EXECUTE FUNCTION "medk_figures_truncate"();
CREATE TRIGGER "Document_figures_truncate" AFTER TRUNCATE ON "Document" FOR EACH STATEMENT EXECUTE FUNCTION "medk_figures_truncate"();
CREATE TRIGGER "Review_figures_truncate" AFTER TRUNCATE ON "Review" FOR EACH STATEMENT EXECUTE FUNCTION "medk_figures_truncate"();
CREATE TRIGGER "DocumentVersion_figures_truncate" AFTER TRUNCATE ON "DocumentVersion" FOR EACH STATEMENT EXECUTE FUNCTION "medk_figures_truncate"();
CREATE TRIGGER "RiskProfileEntry_figures_truncate" AFTER TRUNCATE ON "RiskProfileEntry" FOR EACH STATEMENT EXECUTE FUNCTION "medk_figures_truncate"();
CREATE TRIGGER "RoadmapVersion_figures_truncate" AFTER TRUNCATE ON "RoadmapVersion" FOR EACH STATEMENT EXECUTE FUNCTION "medk_figures_truncate"();
CREATE TRIGGER "RoadmapReview_figures_truncate" AFTER TRUNCATE ON "RoadmapReview" FOR EACH STATEMENT EXECUTE FUNCTION "medk_figures_truncate"();
