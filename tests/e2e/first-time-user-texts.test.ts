// What a first-time user tripped over in labels and texts (issue 19, items 4 and 10): internal codes on
// screen, a lower-cased «РФ», risk-chart labels cut or split mid-word, «Выбран» on unticked boxes, a header
// that cuts the user's name and role, and a curator landing on the second item of its menu.
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { DESKTOP, MOBILE, gid, mainText, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();
/** An internal code: Latin capitals joined by «_» (CURATORS_ASSIGNED, F01_EQUIPMENT). */
const CODE = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;

/** The category labels of the risk chart, line by line, as drawn in its SVG. */
async function riskChartLines(page: Page): Promise<string[]> {
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Факторы риска в профилях школ" }) });
  await card.locator("svg text").first().waitFor();
  return card.locator("svg text").evaluateAll((els) => els.map((e) => (e.textContent ?? "").trim()).filter(Boolean));
}

describe("first-time user: texts and labels", () => {
  test("federal scoring shows no criterion codes, and a new criterion asks for none", async () => {
    const page = await app().newPage();
    await signIn(page, "fioco@demo.medk.ru");
    await page.goto("/scoring");
    await page.getByRole("heading", { level: 1, name: "Оценка регионов" }).waitFor();
    expect(await mainText(page)).not.toMatch(CODE);
    const form = page.locator("#criterion-form");
    expect(await form.getByLabel("Код").count()).toBe(0);
    await form.getByLabel("Формулировка").fill("Доля школ с назначенными кураторами — проверка");
    await form.getByLabel("Порог, %").fill("50");
    await form.getByRole("button", { name: "Добавить критерий" }).click();
    await page.getByText("Критерий «Доля школ с назначенными кураторами — проверка» сохранён").waitFor();
    expect(await mainText(page)).not.toMatch(CODE);
    await screenshot(page, "first-time-federal-scoring-1280");
    // Leave the demo world's scoring as it was.
    page.once("dialog", (d) => void d.accept());
    await page
      .getByRole("row")
      .filter({ hasText: "Доля школ с назначенными кураторами — проверка" })
      .getByRole("button", { name: /Удалить/ })
      .click();
    await page.getByText("Критерий «Доля школ с назначенными кураторами — проверка» удалён").waitFor();
  });

  test("the risk profile explains in Russian, and only ticked boxes say «Выбран»", async () => {
    const page = await app().newPage();
    await signIn(page, "school.undino@demo.medk.ru");
    await page.getByRole("link", { name: "Рисковый профиль" }).click();
    await page.getByRole("heading", { level: 1, name: "Рисковый профиль" }).waitFor();
    const rows = page.locator("tbody tr");
    for (const summary of await page.getByText("Как получено").all()) await summary.click();
    expect(await mainText(page)).not.toMatch(CODE);
    for (const row of await rows.all()) {
      const box = row.getByRole("checkbox");
      // The visible words (the factor's name follows for screen readers only).
      const label = (await row.locator("label.check > span").evaluate((e) => e.firstChild?.textContent ?? "")).trim();
      expect(label).toBe((await box.isChecked()) ? "Выбран" : "Не выбран");
    }
  });

  test("the PDF viewer is titled with the file's name, not a storage id", async () => {
    const doc = await app().db.documentVersion.findFirstOrThrow({
      where: { file: { mediaType: "application/pdf" }, document: { participation: { school: { shortName: "МКОУ «Ундино-Посельская СОШ»" } } } },
      select: { documentId: true, file: { select: { originalName: true } } },
    });
    const page = await app().newPage();
    await signIn(page, "school.undino@demo.medk.ru");
    await page.goto(`/documents/${gid("Document", doc.documentId)}`);
    const data = await page.locator('object[type="application/pdf"]').getAttribute("data");
    const last = decodeURIComponent(new URL(data!, app().url).pathname.split("/").pop()!);
    expect(last).not.toMatch(/^[0-9a-f-]{36}$/);
    expect(last).toMatch(/\.pdf$/i);
    const response = await page.request.get(data!.split("#")[0]!);
    expect(response.status()).toBe(200);
  });

  test("reports say «по субъектам РФ»", async () => {
    const page = await app().newPage();
    await signIn(page, "fioco@demo.medk.ru");
    await page.goto("/reports");
    await page.getByRole("heading", { level: 1 }).waitFor();
    const text = await mainText(page);
    expect(text).toContain("по субъектам РФ");
    expect(text).not.toContain("рф");
  });

  for (const [name, viewport] of [
    ["1280", DESKTOP],
    ["375", MOBILE],
  ] as const) {
    test(`risk-factor chart labels are whole at ${name} px: not cut, not split inside a word`, async () => {
      const titles = (await app().db.riskFactor.findMany({ select: { title: true } })).map((f) => f.title);
      const words = new Set(titles.flatMap((t) => t.split(/\s+/)));
      const page = await app().newPage(viewport);
      await signIn(page, "region75@demo.medk.ru");
      const lines = await riskChartLines(page);
      const labelLines = lines.filter((l) => /[а-яё]/i.test(l) && !/значимость|Средняя|Низкая|Выбран для работы/.test(l));
      expect(labelLines.length).toBeGreaterThan(5);
      for (const line of labelLines) {
        expect(line).not.toContain("…");
        for (const w of line.replace(/^\d+\.\s*/, "").split(/\s+/)) expect(words.has(w), `«${w}» in «${line}»`).toBe(true);
      }
      await screenshot(page, `first-time-region-risks-${name}`);
    });
  }

  test("the header shows the whole name and role at 1280 px, for every role", async () => {
    for (const email of ["fioco@demo.medk.ru", "region75@demo.medk.ru", "baley@demo.medk.ru", "curator1@demo.medk.ru", "school.undino@demo.medk.ru"]) {
      const page = await app().newPage(DESKTOP);
      await signIn(page, email);
      const cut = await page
        .getByTestId("viewer")
        .locator("p")
        .evaluateAll((ps) => ps.filter((p) => p.scrollWidth > p.clientWidth + 1 || getComputedStyle(p).textOverflow === "ellipsis").map((p) => p.textContent));
      expect(cut, email).toEqual([]);
      // The sections end before the search, the bell and the user block begin.
      const overlap = await page.evaluate(() => {
        const links = [...document.querySelectorAll("#main-nav > ul > li > :is(a, button)")].filter((a) => (a as HTMLElement).offsetParent);
        const last = links[links.length - 1]!.getBoundingClientRect().right;
        return last - document.querySelector(".end")!.getBoundingClientRect().left;
      });
      expect(overlap, email).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });

  test("a curator lands on «На проверку», the first item of its menu", async () => {
    const page = await app().newPage();
    await signIn(page, "curator1@demo.medk.ru");
    expect(new URL(page.url()).pathname).toBe("/review");
    const first = page.getByRole("navigation", { name: "Разделы" }).getByRole("link").first();
    expect(await first.innerText()).toBe("На проверку");
    expect(await first.getAttribute("aria-current")).toBe("page");
  });
});
