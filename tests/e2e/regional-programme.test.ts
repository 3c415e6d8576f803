// Issue 19, item 11: the README's regional twin exists. Рязанская область runs «62+» beside «500+»: its
// coordinator sees the programme on the region's page, its participants under «62+ 2026» in the year
// picker, and sets the year's deadlines itself; a school of «62+» shows its programme; Забайкальский
// край sees none of it.
import { describe, expect, test } from "vitest";
import { DESKTOP, MOBILE, mainText, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();
const OWN = ["МБОУ «Сынтульская СОШ»", "МБОУ «Батьковская ООШ»", "МБОУ «Инякинская ООШ»"];

describe("regional programme «62+»", () => {
  test("region62 sees «62+» on its page, lists its participants and changes a deadline of «62+ 2026»", async () => {
    const page = await app().newPage(DESKTOP);
    await signIn(page, "region62@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Рязанская область" }).waitFor();
    await page.getByRole("heading", { name: "Региональный проект «62+»" }).waitFor();
    const text = await mainText(page);
    expect(text).toContain("62+ 2026");
    expect(text).toContain("школ-участников: 3");
    await screenshot(page, "regional-programme-region-1280");

    await page.getByRole("link", { name: "Участники 62+ 2026 →" }).click();
    await page.getByRole("heading", { level: 1, name: "Участники года" }).waitFor();
    const picker = page.getByLabel("Год проекта");
    const options = await picker.locator("option").allInnerTexts();
    expect(options.slice(0, 2)).toEqual(["500+ 2026", "62+ 2026"]);
    expect(await picker.locator("option:checked").innerText()).toBe("62+ 2026");
    const table = page.getByRole("table", { name: "Участники «62+ 2026»" });
    const names = await table.locator("tbody tr").allInnerTexts();
    expect(names).toHaveLength(3);
    for (const n of OWN) expect(names.join("\n")).toContain(n);
    expect(names.join("\n")).not.toContain("Лашманская");
    await screenshot(page, "regional-programme-participants-1280");

    // «500+ 2026» of the same region: its own participants, none of «62+».
    await picker.selectOption({ label: "500+ 2026" });
    await page.getByRole("table", { name: "Участники 2026 года" }).waitFor();
    const federal = await page.getByRole("table", { name: "Участники 2026 года" }).locator("tbody tr").allInnerTexts();
    expect(federal.join("\n")).toContain("Лашманская");
    for (const n of OWN) expect(federal.join("\n")).not.toContain(n);

    // The region runs its programme's year: the roadmap deadline, with a reason kept in history.
    await page.goto("/programme-years");
    await page.getByRole("heading", { level: 1, name: "Годы программы" }).waitFor();
    expect(await page.getByRole("link", { name: "500+ 2026" }).count()).toBe(0);
    await page.getByRole("link", { name: "62+ 2026" }).click();
    await page.getByRole("heading", { level: 1, name: "62+ 2026" }).waitFor();
    const settings = page.getByRole("form", { name: "Сроки и настройки" });
    await settings.getByLabel("Срок дорожной карты").fill("2026-12-15");
    await settings.getByLabel(/Причина/).fill("Приказ министерства образования Рязанской области № 1600");
    await settings.getByRole("button", { name: /Сохранить/ }).click();
    await page.getByText("Настройки года сохранены").waitFor();
    const y = await app().db.programmeYear.findFirstOrThrow({ where: { year: 2026, programme: { shortName: "62+" } } });
    expect(y.roadmapDue?.toISOString().slice(0, 10)).toBe("2026-12-15");
    const federalYear = await app().db.programmeYear.findFirstOrThrow({ where: { year: 2026, programme: { regionId: null } } });
    expect(federalYear.roadmapDue?.toISOString().slice(0, 10)).not.toBe("2026-12-15");
    await screenshot(page, "regional-programme-year-1280");

    // A school of «62+»: its page names the programme.
    const school = await app().db.school.findFirstOrThrow({ where: { shortName: OWN[0] } });
    await page.goto(`/schools/${Buffer.from(`School:${school.id}`).toString("base64")}/roadmap`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    // The title is kept on one line with no-break spaces.
    expect((await mainText(page)).replace(/\u00a0/g, " ")).toContain("62+ 2026");
    await screenshot(page, "regional-programme-school-roadmap-1280");
    await page.context().close();
  });

  test("at 375 px the region's page and the picker show «62+» without sideways scrolling", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "region62@demo.medk.ru");
    await page.getByRole("heading", { name: "Региональный проект «62+»" }).waitFor();
    await screenshot(page, "regional-programme-region-375");
    await page.getByRole("link", { name: "Участники 62+ 2026 →" }).click();
    await page.getByRole("table", { name: "Участники «62+ 2026»" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, "regional-programme-participants-375");
    await page.context().close();
  });

  test("Забайкальский край does not see «62+»: not on its page, not in its pickers, not by its address", async () => {
    const page = await app().newPage(DESKTOP);
    await signIn(page, "region75@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Забайкальский край" }).waitFor();
    expect(await mainText(page)).not.toContain("62+");
    await page.goto("/participants");
    await page.getByRole("heading", { level: 1, name: "Участники года" }).waitFor();
    expect(await page.getByLabel("Год проекта").locator("option").allInnerTexts()).not.toContain("62+ 2026");
    // The address of «62+ 2026» falls back to the region's current «500+» year.
    const y = await app().db.programmeYear.findFirstOrThrow({ where: { year: 2026, programme: { shortName: "62+" } } });
    await page.goto(`/participants?year=${encodeURIComponent(Buffer.from(`ProgrammeYear:${y.id}`).toString("base64"))}`);
    await page.getByRole("table", { name: "Участники 2026 года" }).waitFor();
    const res = await page.goto(`/programme-years/${encodeURIComponent(Buffer.from(`ProgrammeYear:${y.id}`).toString("base64"))}`);
    expect(res?.status()).toBe(404);
    await page.context().close();
  });
});
