import { describe, expect, it } from "vitest";
import { checkPasswordStrength, personalInputs } from "./password-strength.ts";

const person = { email: "petrova.elena@school.ru", fullName: "Петрова Елена Викторовна" };

describe("password strength", () => {
  it.each(["aaaaaaaaaa", "1234567890", "qwerty12345", "йцукенгшщз", "gfhjkm2026", "parol12345", "Password123", "петрова2026", "petrova2026!"])("refuses «%s» with a Russian explanation", (p) => {
    const v = checkPasswordStrength(p, person);
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/^Слишком простой пароль.*случайных слова через дефис\.$/);
  });

  it.each(["лето-жук-подушка", "correct-horse-battery", "first-password-2026"])("accepts «%s»", (p) => {
    expect(checkPasswordStrength(p, person)).toEqual({ ok: true, score: expect.any(Number), message: null });
  });

  it("takes the name and e-mail as typed, transliterated and on the Latin layout", () => {
    expect(personalInputs(person)).toEqual(expect.arrayContaining(["петрова", "petrova", "gtnhjdf", "elena", "school"]));
  });

  it("analyses a bounded prefix of very long input", () => {
    const t = performance.now();
    checkPasswordStrength("a".repeat(1000) + "b".repeat(1000));
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
