// Choosing one more risk adds its anti-risk programme to what the school owes; the school uploads the
// programme's first version from the documents list. Another school's pages stay closed.
import { describe, expect, test } from "vitest";
import { minimalPdf } from "../../prisma/seed/lib/storage.ts";
import { gid, signIn, trackSockets, useE2E, waitLive } from "./helpers/app.ts";

const app = useE2E();

const schoolId = async (shortName: string) => gid("School", (await app().db.school.findFirstOrThrow({ where: { shortName } })).id);

describe("school", () => {
  test("chooses a risk, then uploads the first version of its anti-risk programme", async () => {
    const page = await app().newPage();
    // Every full page load is interacted with only once the app is live (hydrated, socket open).
    await trackSockets(page);
    await signIn(page, "school.undino@demo.medk.ru");
    const id = await schoolId("МКОУ «Ундино-Посельская СОШ»");
    await page.goto(`/schools/${id}/profile`);
    await page.getByRole("heading", { level: 1, name: "Рисковый профиль" }).waitFor();
    await waitLive(page);

    // One more risk to work on.
    const box = page.getByRole("checkbox", { checked: false }).first();
    const name = (await box.evaluate((el) => el.closest("tr")?.querySelector(".factor")?.textContent ?? "")).trim();
    await box.check();
    await page.getByRole("button", { name: "Сохранить выбор рисков" }).click();
    await page.getByText("Выбор рисков сохранён: 3 риска.", { exact: false }).waitFor();

    // It is owed now, not uploaded yet.
    await page.getByRole("link", { name: "Документы", exact: true }).last().click();
    await page.getByRole("heading", { level: 1, name: "Концептуальные документы" }).waitFor();
    const title = `Программа антирисковых мер «${name}»`;
    const row = page.getByTestId("required-document").filter({ hasText: title });
    await row.getByText("Не загружен").waitFor();
    await row.getByText("Загрузите файл документа").waitFor();

    await row.getByRole("button", { name: `Загрузить файл: ${title}` }).click();
    await row.getByLabel("Файл документа").setInputFiles({ name: "Программа.pdf", mimeType: "application/pdf", buffer: minimalPdf(["Antiriskovaya programma"]) });
    await row.getByRole("button", { name: "Загрузить", exact: true }).click();
    await row.getByText("Версия 1 загружена").waitFor();
    await row.getByText("Черновик", { exact: true }).waitFor();
    await row.getByRole("link", { name: title }).waitFor();

    // Back to the two risks of the demo: the uploaded programme stays, among «Другие документы».
    await page.goto(`/schools/${id}/profile`);
    await page.getByRole("heading", { level: 1, name: "Рисковый профиль" }).waitFor();
    await waitLive(page);
    await page.locator("tbody tr").filter({ hasText: name }).getByRole("checkbox").uncheck();
    await page.getByRole("button", { name: "Сохранить выбор рисков" }).click();
    await page.getByText("Выбор рисков сохранён: 2 риска.", { exact: false }).waitFor();
    await page.goto(`/schools/${id}/documents`);
    await page.getByRole("heading", { name: "Другие документы" }).waitFor();
    expect(await page.getByTestId("required-document").count()).toBe(4);
  });

  test("another school's documents, roadmap and profile say «Нет доступа»; its document ids lead nowhere", async () => {
    const undino = await schoolId("МКОУ «Ундино-Посельская СОШ»");
    const doc = await app().db.document.findFirstOrThrow({
      where: { kind: "CONCEPT", participation: { school: { shortName: "МКОУ «Ундино-Посельская СОШ»" } } },
    });
    const page = await app().newPage();
    await signIn(page, "school.zhidka@demo.medk.ru");
    for (const path of ["documents", "roadmap", "profile"]) {
      const response = await page.goto(`/schools/${undino}/${path}`);
      expect(response?.status()).toBe(403);
      await page.getByRole("heading", { level: 1, name: "Нет доступа" }).waitFor();
      expect(await page.locator("main").innerText()).not.toContain("Ундино");
    }
    const response = await page.goto(`/documents/${gid("Document", doc.id)}`);
    expect(response?.status()).toBe(404);
    await page.getByText("нет к ней доступа").waitFor();
    expect(await page.locator("main").innerText()).not.toContain("Концепция развития");
  });
});
