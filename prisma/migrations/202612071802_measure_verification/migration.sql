-- Curator verification of measures reported done: a DONE measure without confirmedAt is «ожидает
-- подтверждения», the curator confirms it (confirmedAt, confirmedById) or returns it with a comment
-- (returnedAt, returnComment, and the measure goes back to IN_PROGRESS). Measures done before this change
-- wait for confirmation like new ones.
ALTER TYPE "NotificationKind" ADD VALUE 'MEASURE_CONFIRMED';
ALTER TYPE "NotificationKind" ADD VALUE 'MEASURE_RETURNED';

ALTER TABLE "Measure" ADD COLUMN "confirmedAt" TIMESTAMP(3),
ADD COLUMN "confirmedById" UUID,
ADD COLUMN "returnedAt" TIMESTAMP(3),
ADD COLUMN "returnComment" TEXT,
ADD CONSTRAINT measure_confirmed_done CHECK ("confirmedAt" IS NULL OR "status" = 'DONE'),
ADD CONSTRAINT measure_return_comment CHECK ("returnedAt" IS NULL OR length("returnComment") BETWEEN 1 AND 2000);
