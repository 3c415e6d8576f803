// A file the API refuses shows the API's own reason next to the upload form, and nothing is saved.
import { describe, expect, test } from "vitest";
import { MOBILE, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();

describe("school", () => {
  test("sees why a file was refused: a «.pdf» that is really text, and an empty file", async () => {
    const page = await app().newPage();
    await signIn(page, "school.undino@demo.medk.ru");
    await page.getByRole("link", { name: "Документы", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "Концептуальные документы" }).waitFor();

    // The draft anti-risk programme accepts new versions.
    const row = page.getByTestId("required-document").filter({ hasText: "Программа антирисковых мер" }).filter({ hasText: "Черновик" }).first();
    const title = (await row.getByRole("heading", { level: 3 }).innerText()).trim();
    const versionsBefore = await row.getByText(/Версия \d+:/).innerText();
    await row.getByRole("button", { name: `Загрузить новую версию: ${title}` }).click();

    await row.getByLabel("Файл документа").setInputFiles({
      name: "Программа.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("Это обычный текст, а не PDF.\n".repeat(20)),
    });
    await row.getByRole("button", { name: "Загрузить", exact: true }).click();
    const error = row.getByTestId("upload-error");
    await error.waitFor();
    expect(await error.innerText()).toBe("Недопустимый формат файла. Принимаются только PDF, DOC, DOCX, ODT, XLS, XLSX, ODS, RTF");
    await row.getByRole("alert").filter({ hasText: "Файл не принят" }).waitFor();

    await row.getByLabel("Файл документа").setInputFiles({ name: "Пустой.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) });
    await row.getByRole("button", { name: "Загрузить", exact: true }).click();
    await row.getByTestId("upload-error").filter({ hasText: "Файл пустой: выберите файл с содержимым" }).waitFor();

    // Nothing was saved: the same version is still the latest.
    await page.reload();
    const again = page.getByTestId("required-document").filter({ hasText: title });
    expect(await again.getByText(/Версия \d+:/).innerText()).toBe(versionsBefore);
  });

  test("reads its documents at 375 px", async () => {
    const page = await app().newPage(MOBILE);
    await signIn(page, "school.undino@demo.medk.ru");
    const id = new URL(page.url()).pathname.split("/")[2];
    await page.goto(`/schools/${id}/documents`);
    await page.getByRole("heading", { level: 1, name: "Концептуальные документы" }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "school-documents-mobile");
  });
});
