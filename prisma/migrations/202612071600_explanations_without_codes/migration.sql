-- «Как получено» is read by schools and curators: the explanations written before this release carried
-- internal indicator codes in brackets, e.g. «Доля …» (F01_EQUIPMENT) = 0,41. Keep the Russian text only.
UPDATE "RiskProfileEntry"
SET "explanation" = regexp_replace("explanation", ' \(F[0-9]{2}_[A-Z0-9_]+\)', '', 'g')
WHERE "explanation" ~ '\(F[0-9]{2}_[A-Z0-9_]+\)';
