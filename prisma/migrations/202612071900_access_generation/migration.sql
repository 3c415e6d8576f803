-- The access generation: one counter bumped, in the writing transaction, by every statement that can
-- change a viewer's reach. A request reads it beside its session and rebuilds a cached reach when it moved,
-- so a cached reach is never used after an assignment change has committed — on any instance.
CREATE TABLE "AccessGeneration" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "value" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "AccessGeneration_pkey" PRIMARY KEY ("id")
);

INSERT INTO "AccessGeneration" ("id", "value") VALUES (1, 0);

-- (The function bodies spell their semicolons as \073: Prisma's driver-adapter migrator splits scripts at
-- every semicolon, dollar quotes included.)
-- Deferred constraint triggers: the counter's row is locked only at commit, as the writing transaction's
-- last step, so assignment writes never wait on each other mid-transaction (and cannot deadlock over it).
CREATE FUNCTION "medk_bump_access_generation"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN UPDATE "AccessGeneration" SET "value" = "value" + 1 WHERE "id" = 1\073 RETURN NULL\073 END';

CREATE CONSTRAINT TRIGGER "RoleAssignment_access" AFTER INSERT OR UPDATE OR DELETE ON "RoleAssignment"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_bump_access_generation"();
CREATE CONSTRAINT TRIGGER "CuratorAssignment_access" AFTER INSERT OR UPDATE OR DELETE ON "CuratorAssignment"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_bump_access_generation"();
CREATE CONSTRAINT TRIGGER "User_access" AFTER UPDATE OF "active", "email", "fullName" OR DELETE ON "User"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_bump_access_generation"();
CREATE CONSTRAINT TRIGGER "School_access" AFTER INSERT OR UPDATE OF "municipalityId" OR DELETE ON "School"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_bump_access_generation"();
CREATE CONSTRAINT TRIGGER "Municipality_access" AFTER INSERT OR UPDATE OF "regionId" OR DELETE ON "Municipality"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_bump_access_generation"();
CREATE CONSTRAINT TRIGGER "Participation_access" AFTER UPDATE OF "schoolId" OR DELETE ON "Participation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "medk_bump_access_generation"();

-- TRUNCATE has no row triggers: a statement trigger covers it.
CREATE FUNCTION "medk_bump_access_generation_stmt"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN UPDATE "AccessGeneration" SET "value" = "value" + 1 WHERE "id" = 1\073 RETURN NULL\073 END';
CREATE TRIGGER "RoleAssignment_access_truncate" AFTER TRUNCATE ON "RoleAssignment" FOR EACH STATEMENT EXECUTE FUNCTION "medk_bump_access_generation_stmt"();
CREATE TRIGGER "CuratorAssignment_access_truncate" AFTER TRUNCATE ON "CuratorAssignment" FOR EACH STATEMENT EXECUTE FUNCTION "medk_bump_access_generation_stmt"();
CREATE TRIGGER "User_access_truncate" AFTER TRUNCATE ON "User" FOR EACH STATEMENT EXECUTE FUNCTION "medk_bump_access_generation_stmt"();
CREATE TRIGGER "School_access_truncate" AFTER TRUNCATE ON "School" FOR EACH STATEMENT EXECUTE FUNCTION "medk_bump_access_generation_stmt"();
CREATE TRIGGER "Municipality_access_truncate" AFTER TRUNCATE ON "Municipality" FOR EACH STATEMENT EXECUTE FUNCTION "medk_bump_access_generation_stmt"();
CREATE TRIGGER "Participation_access_truncate" AFTER TRUNCATE ON "Participation" FOR EACH STATEMENT EXECUTE FUNCTION "medk_bump_access_generation_stmt"();
