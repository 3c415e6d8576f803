// Roadmaps past the year's roadmap deadline count in the dashboards' «Просрочено» and are listed on the
// overdue page beside overdue documents and measures, with how many days they are late. The demo year's
// roadmap deadline lies ahead, so this file moves it ten days back for its run and puts it back after.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MOBILE, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();
let year: { id: string; roadmapDue: Date | null };

beforeAll(async () => {
  const y = await app().db.programmeYear.findFirstOrThrow({ where: { programme: { regionId: null } }, orderBy: { year: "desc" }, select: { id: true, roadmapDue: true } });
  year = y;
  const tenDaysAgo = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - 10));
  await app().db.programmeYear.update({ where: { id: y.id }, data: { roadmapDue: tenDaysAgo } });
});
afterAll(async () => {
  if (year) await app().db.programmeYear.update({ where: { id: year.id }, data: { roadmapDue: year.roadmapDue } });
});

const num = (s: string) => Number(s.replace(/\s/g, ""));

describe("overdue roadmaps", () => {
  test("count in the municipal dashboard's «Просрочено» and are listed on the overdue page with days late", async () => {
    const page = await app().newPage();
    await signIn(page, "baley@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Балейский район" }).waitFor();
    const card = page.locator("a.stat", { hasText: "Просрочено" }).first();
    const hint = await card.locator(".hint").innerText();
    const m = hint.match(/документов: ([\d\s]+), мероприятий: ([\d\s]+), дорожных карт: ([\d\s]+)/);
    expect(m, hint).not.toBeNull();
    const [docs, measures, roadmaps] = [num(m![1]!), num(m![2]!), num(m![3]!)];
    expect(roadmaps).toBeGreaterThan(0);
    expect(num(await card.locator(".value").innerText())).toBe(docs + measures + roadmaps);

    await card.click();
    await page.getByRole("heading", { level: 1, name: "Просроченное" }).waitFor();
    const table = page.getByRole("table", { name: /^Просроченные дорожные карты/ });
    const rows = table.locator("tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(roadmaps);
    const heads = await table.locator("thead th").allInnerTexts();
    expect(heads).toEqual(["Школа", "Дорожная карта", "Состояние", "Срок", "Дней просрочки"]);
    for (const d of await table.locator('td[data-label="Дней просрочки"]').allInnerTexts()) {
      // Ten days after the due day; the day ends in the region's time, a few hours either side of UTC.
      expect(num(d)).toBeGreaterThanOrEqual(9);
      expect(num(d)).toBeLessThanOrEqual(10);
    }
    const link = table.getByRole("link", { name: "Дорожная карта школы" }).first();
    expect(await link.getAttribute("href")).toMatch(/^\/schools\/[^/]+\/roadmap$/);
    await screenshot(page, "overdue-roadmaps-municipal");
    await link.click();
    await page.waitForURL(/\/roadmap$/);
  });

  test("are listed on a phone too", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "region75@demo.medk.ru");
    await page.goto("/overdue#roadmaps");
    await page
      .getByRole("table", { name: /^Просроченные дорожные карты/ })
      .locator("tbody tr")
      .first()
      .waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await screenshot(page, "overdue-roadmaps-375");
  });
});
