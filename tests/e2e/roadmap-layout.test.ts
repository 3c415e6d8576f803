// Issue 19, items 2 and 3: the roadmap table fits its card at every desktop width (rows with a comment or
// a «Просрочено» badge keep their last buttons in view), and the roadmaps' big number says what it is —
// the share of measures done on time among those whose date has come — with the counts it is made of.
import { describe, expect, test } from "vitest";
import { gid, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();
const num = (s: string) => Number(s.replace(/\s/g, ""));

describe("roadmap layout", () => {
  for (const width of [1280, 1600, 1920]) {
    test(`the measures table fits its card at ${width} px, last buttons included`, async () => {
      const school = await app().db.school.findFirstOrThrow({ where: { shortName: "МКОУ «Ундино-Посельская СОШ»" } });
      const page = await app().newPage({ width, height: 900 });
      await signIn(page, "school.undino@demo.medk.ru");
      await page.goto(`/schools/${gid("School", school.id)}/roadmap`);
      const table = page.getByRole("table", { name: "Мероприятия дорожной карты по порядку" });
      await table.locator("tbody tr").first().waitFor();
      const m = await table.evaluate((t) => {
        const wrap = t.closest(".table-wrap") as HTMLElement;
        const card = wrap.parentElement as HTMLElement;
        const box = card.getBoundingClientRect();
        const buttons = [...t.querySelectorAll("td:last-child button")].map((b) => b.getBoundingClientRect());
        return {
          table: t.scrollWidth,
          wrap: wrap.clientWidth,
          wrapScroll: wrap.scrollWidth,
          card: card.clientWidth,
          outside: buttons.filter((b) => b.right > box.right + 0.5).length,
          buttons: buttons.length,
        };
      });
      expect(m.buttons).toBeGreaterThan(0);
      expect(m.wrapScroll, JSON.stringify(m)).toBeLessThanOrEqual(m.wrap);
      expect(m.table, JSON.stringify(m)).toBeLessThanOrEqual(m.card);
      expect(m.outside, JSON.stringify(m)).toBe(0);
      await screenshot(page, `roadmap-table-${width}`);
    });
  }

  test("the roadmaps' percentage is the on-time share its caption describes", async () => {
    const page = await app().newPage();
    await signIn(page, "baley@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Балейский район" }).waitFor();
    const card = page.locator(".stat", { hasText: "Дорожные карты" }).first();
    const value = await card.locator(".value").innerText();
    const label = await card.locator(".label").innerText();
    const hint = await card.locator(".hint").innerText();
    expect(label).toMatch(/в срок/);
    const m = hint.match(/в срок выполнено ([\d\s]+) из ([\d\s]+)/);
    expect(m, hint).not.toBeNull();
    const [onTime, due] = [num(m![1]!), num(m![2]!)];
    expect(due).toBeGreaterThan(0);
    expect(num(value.replace("%", ""))).toBe(Math.round((onTime / due) * 100));
    // The total done is still said, but as what it is.
    expect(hint).toMatch(/всего выполнено [\d\s]+ из [\d\s]+ мероприятий/);
  });
});
