-- Events with an audience chosen by role and territory, set in the region's time zone, and attendance
-- marked by hand or imported from a webinar platform. A federal event has no region.
CREATE TYPE "AttendanceSource" AS ENUM ('MANUAL', 'IMPORT');
ALTER TYPE "NotificationKind" ADD VALUE 'EVENT_INVITED';

ALTER TABLE "Event" ADD COLUMN "description" TEXT;
ALTER TABLE "Event" ADD COLUMN "durationMinutes" INTEGER NOT NULL DEFAULT 90;
ALTER TABLE "Event" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'Europe/Moscow';
ALTER TABLE "Event" ADD COLUMN "regionId" UUID;
ALTER TABLE "Event" ADD COLUMN "createdById" UUID;
ALTER TABLE "Event" ADD COLUMN "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "Event" ADD CONSTRAINT "Event_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Event" ADD CONSTRAINT "Event_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Event" ADD CONSTRAINT event_title CHECK (length(btrim("title")) BETWEEN 1 AND 300);
ALTER TABLE "Event" ADD CONSTRAINT event_duration CHECK ("durationMinutes" BETWEEN 5 AND 1440);
CREATE INDEX "Event_regionId_startsAt_idx" ON "Event"("regionId", "startsAt");
CREATE INDEX "Event_startsAt_idx" ON "Event"("startsAt");

CREATE TABLE "EventAudience" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "eventId" UUID NOT NULL,
  "role" "Role" NOT NULL,
  "regionId" UUID,
  "municipalityId" UUID,
  CONSTRAINT "EventAudience_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "EventAudience_eventId_idx" ON "EventAudience"("eventId");
ALTER TABLE "EventAudience" ADD CONSTRAINT "EventAudience_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "EventAudience" ADD CONSTRAINT "EventAudience_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "EventAudience" ADD CONSTRAINT "EventAudience_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Attendance rows nobody could write before: the user now has a foreign key.
DELETE FROM "Attendance" a WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = a."userId");
ALTER TABLE "Attendance" ADD COLUMN "source" "AttendanceSource";
ALTER TABLE "Attendance" ADD COLUMN "markedAt" TIMESTAMP(3);
ALTER TABLE "Attendance" ADD COLUMN "markedById" UUID;
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "Attendance_userId_idx" ON "Attendance"("userId");
