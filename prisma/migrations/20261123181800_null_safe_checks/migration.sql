-- A CHECK passes when it evaluates to NULL, so a missing comment or reason slipped through the first
-- versions of these two rules. They now treat NULL as empty.
ALTER TABLE "Review" DROP CONSTRAINT review_return_comment;
ALTER TABLE "Review" ADD CONSTRAINT review_return_comment CHECK (
  decision = 'APPROVED' OR coalesce(length(btrim(comment)), 0) BETWEEN 1 AND 5000);
ALTER TABLE "Measure" DROP CONSTRAINT measure_cancel_reason;
ALTER TABLE "Measure" ADD CONSTRAINT measure_cancel_reason CHECK (status <> 'CANCELLED' OR coalesce(length(btrim("cancelReason")), 0) > 0);
