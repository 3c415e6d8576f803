// Issue 19: the coordinators' top menu wrapped to three rows at 1280 px. Sections now fold into groups
// («Мониторинг», «Управление», «Поддержка»): one row at 1280 px for every coordinator, opened with the
// mouse or the keyboard (Enter, Tab, Escape), every section still reachable; on a phone «Меню» lists all
// sections under their group headings; axe finds nothing serious with a group open.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { DESKTOP, MOBILE, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const COORDINATORS = ["fioco@demo.medk.ru", "region62@demo.medk.ru", "baley@demo.medk.ru", "observer@demo.medk.ru"];

async function seriousFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: any[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(" ")).join(", ")}`);
  });
}

/** The visible top-level entries of the menu: their text and the rows they sit on. */
const topRow = (page: Page) =>
  page.evaluate(() => {
    const els = [...document.querySelectorAll("#main-nav > ul > li > :is(a, button)")].filter((e) => (e as HTMLElement).offsetParent) as HTMLElement[];
    return {
      labels: els.map((e) => e.innerText.trim()),
      rows: new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size,
      overlap: Math.max(...els.map((e) => e.getBoundingClientRect().right)) - document.querySelector(".end")!.getBoundingClientRect().left,
    };
  });

describe("coordinators' menu", () => {
  for (const email of COORDINATORS) {
    test(`${email}: one row at 1280 px, every section reachable through its group`, async () => {
      const page = await app().newPage(DESKTOP);
      await signIn(page, email);
      const row = await topRow(page);
      expect(row.rows, `${email}: ${row.labels.join(" | ")}`).toBe(1);
      expect(row.overlap, email).toBeLessThanOrEqual(0);
      expect(row.labels).toContain("Мониторинг");
      const nav = page.getByRole("navigation", { name: "Разделы" });
      // Every section of the role is a link in the menu, shown or behind its group's button.
      const all = await nav.getByRole("link", { includeHidden: true }).evaluateAll((as) => as.map((a) => a.textContent!.trim()));
      expect(all).toEqual(expect.arrayContaining(["Школы", "Просрочки", "Отчёты", "Справка"]));
      await screenshot(page, `menu-${email.split("@")[0]}-1280`);
      await page.context().close();
    });
  }

  test("a group opens with the keyboard, Tab walks its links, Escape closes it; the chosen section opens", async () => {
    const page = await app().newPage(DESKTOP);
    await signIn(page, "fioco@demo.medk.ru");
    const nav = page.getByRole("navigation", { name: "Разделы" });
    const button = nav.getByRole("button", { name: "Мониторинг" });
    const reports = nav.getByRole("link", { name: "Отчёты", includeHidden: true });
    expect(await reports.isVisible()).toBe(false);
    await button.focus();
    await page.keyboard.press("Enter");
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    await reports.waitFor();
    await page.screenshot({ path: "/tmp/programmes-menu-open-1280.png" });
    expect(await seriousFindings(page)).toEqual([]);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Школы");
    await page.keyboard.press("Escape");
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await reports.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Мониторинг");
    // Space opens it again; a click outside closes it.
    await page.keyboard.press(" ");
    await reports.waitFor();
    await page.locator("main").click({ position: { x: 5, y: 5 } });
    expect(await reports.isVisible()).toBe(false);
    // Opening «Отчёты» through the group marks the group as the current section.
    await button.click();
    await reports.click();
    await page.getByRole("heading", { level: 1, name: /Отчёт/ }).waitFor();
    expect(await nav.getByRole("button", { name: "Мониторинг" }).evaluate((b) => b.classList.contains("current"))).toBe(true);
    expect(await reports.getAttribute("aria-current")).toBe("page");
    await page.context().close();
  });

  test("at 375 px «Меню» lists every section under its group, without sideways scrolling", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "region62@demo.medk.ru");
    await page.getByRole("button", { name: "Меню" }).click();
    const nav = page.getByRole("navigation", { name: "Разделы" });
    for (const name of ["Мой субъект", "Школы", "Отчёты", "Люди", "Реестр", "Годы", "Справка"]) await nav.getByRole("link", { name, exact: true }).waitFor();
    // No group buttons on a phone: every group is open under its heading (the only button left is «Выйти»).
    expect(await nav.getByRole("button", { name: /^(Мониторинг|Управление|Поддержка)$/ }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await seriousFindings(page)).toEqual([]);
    await screenshot(page, "menu-region62-375");
    await page.screenshot({ path: "/tmp/programmes-menu-375.png", fullPage: true });
    await page.context().close();
  });
});
