// Dated PDFs in the browser: the school downloads its roadmap with «Скачать PDF» and the file's text names
// the school and today's date; the school submits, its curator approves, and the roadmap page lists the
// dated copy, whose download is the same file later; the risk profile page downloads its PDF too.
import { describe, expect, test } from "vitest";
import type { Download, Page } from "playwright-core";
import { readFile } from "node:fs/promises";
import { pdfPages } from "../testkit/pdf.ts";
import { gid, screenshot, signIn, useE2E, MOBILE } from "./helpers/app.ts";

const app = useE2E();
const SCHOOL = "МКОУ «Ундино-Посельская СОШ»";
/** Today in the school's region (Забайкальский край), as printed on the pages. */
const today = () => new Intl.DateTimeFormat("ru-RU", { timeZone: "Asia/Chita", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ d: Download; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await d.path();
  return { d, bytes: await readFile(path!) };
}

describe("school and curator", () => {
  test("the roadmap PDF names the school and the date; approval lists a dated copy that downloads unchanged", async () => {
    const { db, newPage } = app();
    const school = await db.school.findFirstOrThrow({ where: { shortName: SCHOOL }, select: { id: true } });
    const p = await db.participation.findFirstOrThrow({ where: { schoolId: school.id }, orderBy: { programmeYear: { year: "desc" } }, select: { roadmap: { select: { id: true, status: true } } } });
    const roadmapPath = `/schools/${gid("School", school.id)}/roadmap`;

    const page = await newPage();
    await signIn(page, "school.undino@demo.medk.ru");
    await page.goto(roadmapPath);
    await page.getByRole("heading", { level: 1, name: "Дорожная карта" }).waitFor();
    await page.getByText("Копия сохраняется автоматически, когда дорожную карту принимают.").waitFor();
    const live = await downloaded(page, () => page.getByRole("link", { name: "Скачать PDF" }).click());
    expect(live.d.suggestedFilename()).toBe(`Дорожная карта — ${SCHOOL} — ${today()}.pdf`);
    const pages = await pdfPages(live.bytes);
    for (const text of pages) {
      expect(text).toContain(SCHOOL);
      expect(text).toContain(today());
    }

    // The school sends the plan, the curator approves it: a dated copy appears on the page.
    if (p.roadmap!.status !== "SUBMITTED") {
      await page.getByRole("button", { name: "Отправить на проверку" }).click();
      await page.getByTestId("roadmap-status").getByText("На проверке").waitFor();
    }
    const curator = await newPage();
    await signIn(curator, "curator1@demo.medk.ru");
    await curator.goto(roadmapPath);
    await curator.getByRole("button", { name: "Принять дорожную карту" }).click();
    await curator.getByTestId("roadmap-status").getByText("Принята").waitFor();
    const copies = curator.getByRole("list", { name: "Датированные копии" });
    await copies.getByText(/Дорожная карта принята \(редакция \d+\)/).waitFor();
    await screenshot(curator, "curator-roadmap-pdf-copies");
    const link = copies.getByRole("link", { name: /^Скачать копию от / });
    const first = await downloaded(curator, () => link.click());
    const copyText = (await pdfPages(first.bytes)).join(" ");
    expect(copyText).toContain(SCHOOL);
    expect(copyText).toContain(today());
    expect(copyText).toContain("Статус: принята");

    // Later, from the school's page on a phone, the same copy is the same file.
    const phone = await newPage(MOBILE);
    await signIn(phone, "school.undino@demo.medk.ru");
    await phone.goto(roadmapPath);
    const again = await downloaded(phone, () =>
      phone
        .getByRole("list", { name: "Датированные копии" })
        .getByRole("link", { name: /^Скачать копию от / })
        .click(),
    );
    expect(Buffer.compare(again.bytes, first.bytes)).toBe(0);
    await screenshot(phone, "school-roadmap-pdf-copies-375");
  });

  test("the risk profile page downloads the profile as a PDF with the school's name and the date", async () => {
    const { db, newPage } = app();
    const school = await db.school.findFirstOrThrow({ where: { shortName: SCHOOL }, select: { id: true } });
    const page = await newPage();
    await signIn(page, "baley@demo.medk.ru");
    await page.goto(`/schools/${gid("School", school.id)}/profile`);
    await page.getByRole("heading", { level: 1, name: "Рисковый профиль" }).waitFor();
    const { bytes } = await downloaded(page, () => page.getByRole("link", { name: "Скачать PDF" }).click());
    const text = (await pdfPages(bytes)).join(" ");
    expect(text).toContain(SCHOOL);
    expect(text).toContain(today());
    expect(text).toContain("Рисковый профиль");
    const summary = await downloaded(page, () => page.getByRole("link", { name: "Справка о школе (PDF)" }).click());
    const [only, ...rest] = await pdfPages(summary.bytes);
    expect(rest).toEqual([]);
    expect(only).toContain(SCHOOL);
    expect(only).toContain(today());
  });
});
