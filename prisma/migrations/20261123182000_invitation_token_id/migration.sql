-- An invitation is found by the public half of its link token (base32, not a UUID), like a session.
ALTER TABLE "Invitation" ALTER COLUMN id DROP DEFAULT;
ALTER TABLE "Invitation" ALTER COLUMN id TYPE TEXT;
