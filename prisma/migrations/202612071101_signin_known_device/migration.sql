-- Sign-in attempts carry the known device they came from: a device cookie gets its own progressive delay,
-- so an attacker slowing an account elsewhere does not keep its owner out.
ALTER TABLE "SignInFailure" ADD COLUMN "device" TEXT;
CREATE INDEX "SignInFailure_email_device_createdAt_idx" ON "SignInFailure"("email", "device", "createdAt");
