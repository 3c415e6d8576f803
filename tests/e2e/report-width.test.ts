// Issue 19, item 9: with ten figures chosen, the report builder's table shows its last columns at 1280 px
// without a sideways scroll, for every report kind.
import { describe, expect, test } from "vitest";
import { screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();

describe("report builder width", () => {
  for (const [kind, caption] of [
    ["MONITORING", /^Мониторинг/],
    ["DOCUMENTS", /^Концептуальные документы/],
    ["MEASURES", /^Дорожные карты/],
  ] as const) {
    test(`${kind}: ten figures fit at 1280 px`, async () => {
      const page = await app().newPage({ width: 1280, height: 900 });
      await signIn(page, "fioco@demo.medk.ru");
      await page.goto(`/reports?report=${kind}`);
      // The builder's checkboxes, in order: the first ten figures of this report.
      const keys = await page.locator('input[type="checkbox"][name="f"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      expect(keys.length).toBeGreaterThanOrEqual(10);
      const longest = [...keys].slice(0, 10);
      await page.goto(`/reports?report=${kind}&group=REGION&${longest.map((k) => `f=${encodeURIComponent(k)}`).join("&")}`);
      const table = page.getByRole("table", { name: caption });
      await table.locator("tbody tr").first().waitFor();
      expect(await table.locator("thead th").count()).toBe(11);
      const m = await table.evaluate((t) => {
        const wrap = t.closest(".table-wrap") as HTMLElement;
        const last = t.querySelector("thead th:last-child")!.getBoundingClientRect();
        return { scroll: wrap.scrollWidth, client: wrap.clientWidth, lastRight: last.right, wrapRight: wrap.getBoundingClientRect().right };
      });
      await screenshot(page, `report-10-figures-${kind.toLowerCase()}-1280`);
      expect(m.scroll, JSON.stringify(m)).toBeLessThanOrEqual(m.client);
      expect(m.lastRight, JSON.stringify(m)).toBeLessThanOrEqual(m.wrapRight + 0.5);
      await screenshot(page, `report-10-figures-${kind.toLowerCase()}-1280`);
    });
  }
});
