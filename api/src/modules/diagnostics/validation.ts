// Shape rules of risk-profile inputs.
import { z } from "zod";

/** A reason for a change: optional in shape (the service requires it after verification), bounded. */
export const reasonText = z.string().trim().max(2000, "Причина не длиннее 2000 символов").nullish();

export const riskProfileInput = z
  .object({
    entries: z
      .array(z.object({ explanation: z.string().max(5000, "Пояснение не длиннее 5000 символов").nullish() }).passthrough())
      .min(1, "Профиль должен содержать факторы риска")
      .max(30, "Не больше 30 факторов риска"),
  })
  .passthrough();
