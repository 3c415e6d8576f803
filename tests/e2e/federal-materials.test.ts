// The materials bank in the browser: the federal coordinator publishes the Методика as a PDF, then a new
// version (the old one stays, the new one is «актуальная»); a school finds it by another word form and
// with «е» for «ё», filters by risk factor, and downloads the current file; on a phone too.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { pdf } from "../api/document/kit.ts";
import { MOBILE, screenshot, signIn, useE2E, openSection } from "./helpers/app.ts";

const app = useE2E();
const TITLE = "Методика оценки эффективности антирисковых программ (обновлённая)";

describe("federal coordinator and school", () => {
  test("publish a PDF → add a version → a school finds it by another word form and downloads the current version", async () => {
    const { newPage } = app();
    const dir = mkdtempSync(join(tmpdir(), "medk-e2e-materials-"));
    const v1 = join(dir, "metodika-2026.pdf");
    const v2 = join(dir, "metodika-2026-v2.pdf");
    writeFileSync(v1, pdf("Metodika v1"));
    writeFileSync(v2, pdf("Metodika v2"));

    const fed = await newPage();
    await signIn(fed, "fioco@demo.medk.ru");
    await openSection(fed, "Методические материалы");
    await fed.getByRole("heading", { level: 1, name: "Методические материалы" }).waitFor();
    const form = fed.getByRole("form", { name: "Новый материал" });
    await form.getByLabel("Вид материала").selectOption({ label: "Методика" });
    await form.getByLabel("Название материала").fill(TITLE);
    await form.getByLabel("Описание материала").fill("Как школе и куратору оценить, снизились ли риски учебной неуспешности.");
    await form.getByLabel("Факторы риска").fill("6, 10");
    await form.getByLabel("Файл").setInputFiles(v1);
    await form.getByRole("button", { name: "Опубликовать" }).click();
    await form.getByText(`Опубликовано: «${TITLE}»`).waitFor();

    const item = fed
      .getByRole("list", { name: "Материалы" })
      .getByRole("listitem")
      .filter({ has: fed.getByRole("heading", { name: TITLE }) });
    await item.getByText("актуальная версия 1").waitFor();
    await item.getByText(/Версии \(1\)/).click();
    const vform = item.getByRole("form", { name: `Новая версия: ${TITLE}` });
    await vform.getByLabel("Файл новой версии").setInputFiles(v2);
    await vform.getByLabel("Что изменилось").fill("Добавлены примеры показателей");
    await vform.getByRole("button", { name: "Добавить версию" }).click();
    await item.getByText("актуальная версия 2").waitFor();
    const versions = item.getByRole("list", { name: `Версии: ${TITLE}` });
    if (!(await versions.isVisible())) await item.getByText(/Версии \(2\)/).click();
    await versions.getByText(/Версия 1 от/).waitFor();
    expect(await versions.innerText()).toContain("Добавлены примеры показателей");
    await screenshot(fed, "federal-materials");

    // ---- a school finds it by another word form, «е» for «ё», and by risk factor
    const school = await newPage();
    await signIn(school, "school.undino@demo.medk.ru");
    await openSection(school, "Методические материалы");
    await school.getByLabel("Что вы ищете?").fill("антирисковой программы обновленная");
    await school.getByLabel("Фактор риска").selectOption({ label: "№ 6" });
    await school.getByRole("button", { name: "Найти" }).click();
    await school.waitForURL((u) => u.searchParams.get("factor") === "6");
    const found = school
      .getByRole("list", { name: "Материалы" })
      .getByRole("listitem")
      .filter({ has: school.getByRole("heading", { name: TITLE }) });
    await found.getByText("актуальная версия 2").waitFor();
    expect(await school.getByRole("form", { name: "Новый материал" }).count()).toBe(0);
    const download = school.waitForEvent("download");
    await found.getByRole("link", { name: "metodika-2026-v2.pdf" }).click();
    expect((await download).suggestedFilename()).toBe("metodika-2026-v2.pdf");
    await screenshot(school, "school-materials-search");

    // ---- nothing found says what to do
    await school.goto(new URL("/materials?q=несуществующийматериал", school.url()).toString());
    await school.getByText("Ничего не нашлось").waitFor();

    const phone = await newPage(MOBILE);
    await signIn(phone, "school.undino@demo.medk.ru");
    await phone.goto(new URL("/materials?q=антирисковых", phone.url()).toString());
    await phone.getByRole("heading", { name: TITLE }).waitFor();
    await screenshot(phone, "school-materials-mobile");
  });
});
