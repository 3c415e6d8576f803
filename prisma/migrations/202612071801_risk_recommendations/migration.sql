-- Recommendations per risk factor and significance («Рекомендации» of the profile), edited by the
-- federal coordinator. They go with their factor: removing a factor (or its year) removes them.
CREATE TABLE "RiskRecommendation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "riskFactorId" UUID NOT NULL,
    "significance" "Significance" NOT NULL,
    "text" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RiskRecommendation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT risk_recommendation_text CHECK (length("text") BETWEEN 1 AND 5000)
);

CREATE UNIQUE INDEX "RiskRecommendation_riskFactorId_significance_key" ON "RiskRecommendation"("riskFactorId", "significance");

ALTER TABLE "RiskRecommendation" ADD CONSTRAINT "RiskRecommendation_riskFactorId_fkey" FOREIGN KEY ("riskFactorId") REFERENCES "RiskFactor"("id") ON DELETE CASCADE ON UPDATE CASCADE;
