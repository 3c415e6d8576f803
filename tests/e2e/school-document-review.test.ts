// The concept-document journey in two browsers: the school uploads and submits, its curator returns the
// document with a comment, the school's open page shows the toast and the new status without a reload,
// the school uploads a new version and submits again, the curator approves.
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { minimalPdf } from "../../prisma/seed/lib/storage.ts";
import { gid, mainText, screenshot, signIn, trackSockets, useE2E, waitLive } from "./helpers/app.ts";

const app = useE2E();
const SCHOOL = "МКОУ «Ундино-Посельская СОШ»";

const schoolId = async () => gid("School", (await app().db.school.findFirstOrThrow({ where: { shortName: SCHOOL } })).id);

/** A real PDF of about `kb` kilobytes (padding in a comment line), so the upload takes a moment. */
const pdf = (title: string, kb = 1) => {
  const base = minimalPdf([title]);
  const padding = Buffer.from(`\n%${"x".repeat(Math.max(0, kb * 1024 - base.length))}\n`);
  return Buffer.concat([base, padding]);
};

const conceptRow = (page: Page) => page.getByTestId("required-document").filter({ hasText: "Концепция развития" });

/** Uploads `file` through the row's upload form and waits for «Версия N загружена». */
async function uploadVersion(page: Page, name: string, buffer: Buffer, note: string) {
  const row = conceptRow(page);
  await row.getByRole("button", { name: "Загрузить новую версию: Концепция развития" }).click();
  await row.getByLabel("Файл документа").setInputFiles({ name, mimeType: "application/pdf", buffer });
  await row.getByLabel("Что изменено (необязательно)").fill(note);
  await row.getByRole("button", { name: "Загрузить", exact: true }).click();
  await row.getByText(/Версия \d+ загружена/).waitFor();
}

describe("school and curator", () => {
  test("upload → submit → return with a comment (seen live) → new version → approve", async () => {
    const { newPage } = app();
    const id = await schoolId();

    // ---- the school opens its documents
    const school = await newPage();
    await trackSockets(school);
    await signIn(school, "school.undino@demo.medk.ru");
    await school.getByRole("link", { name: "Документы", exact: true }).first().click();
    await school.getByRole("heading", { level: 1, name: "Концептуальные документы" }).waitFor();
    expect(new URL(school.url()).pathname).toBe(`/schools/${id}/documents`);
    await waitLive(school);
    await conceptRow(school).getByText("Черновик").waitFor();
    const text = await mainText(school);
    expect(text).toContain("Срок: до ");
    expect(text).toMatch(/Программа антирисковых мер «/);
    await screenshot(school, "school-documents");

    // ---- uploads a new version on a slow line: the bar shows how far it got
    const cdp = await school.context().newCDPSession(school);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 50, downloadThroughput: -1, uploadThroughput: 64 * 1024 });
    const row = conceptRow(school);
    await row.getByRole("button", { name: "Загрузить новую версию: Концепция развития" }).click();
    await row.getByLabel("Файл документа").setInputFiles({ name: "Концепция развития (исправлено).pdf", mimeType: "application/pdf", buffer: pdf("Kontseptsiya razvitiya, versiya 2", 160) });
    await row.getByRole("button", { name: "Загрузить", exact: true }).click();
    const bar = row.getByRole("progressbar", { name: "Загрузка файла" });
    await bar.waitFor();
    expect(Number(await bar.getAttribute("aria-valuenow"))).toBeLessThan(100);
    await row.getByRole("button", { name: "Отменить загрузку" }).waitFor();
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await row.getByText("Версия 2 загружена").waitFor({ timeout: 30_000 });
    await row.getByRole("link", { name: "Концепция развития (исправлено).pdf" }).waitFor();

    await row.getByRole("button", { name: "Отправить на проверку: Концепция развития" }).click();
    await row.getByText("Документ отправлен на проверку").waitFor();
    await row.getByText("На проверке", { exact: true }).waitFor();
    await school.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    // ---- the curator finds it in the queue and returns it with a comment
    const curator = await newPage();
    await signIn(curator, "curator1@demo.medk.ru");
    await curator.getByRole("link", { name: "На проверку" }).click();
    await curator.getByRole("heading", { level: 1, name: "Документы на проверку" }).waitFor();
    const queued = curator.getByRole("row").filter({ hasText: "Концепция развития" });
    await queued.getByText(SCHOOL).waitFor();
    await screenshot(curator, "curator-review-queue");
    await queued.getByRole("link", { name: "Концепция развития" }).click();
    await curator.getByRole("heading", { level: 1, name: "Концепция развития" }).waitFor();

    // The PDF is shown in the page; every version can be downloaded.
    const viewer = curator.locator('object[type="application/pdf"]');
    expect(await viewer.getAttribute("data")).toMatch(/^\/files\/versions\//);
    await curator.getByRole("heading", { name: "Версии (2)" }).waitFor();
    await curator.getByRole("link", { name: "Концепция развития (исправлено).pdf" }).waitFor();
    const returnButton = curator.getByRole("button", { name: "Вернуть на доработку" });
    expect(await returnButton.isDisabled()).toBe(true);
    await curator.getByText("Чтобы вернуть документ, напишите в комментарии, что нужно доработать.").waitFor();
    // Give the browser's PDF viewer a moment to draw the page before the picture.
    await curator.waitForTimeout(2000);
    await screenshot(curator, "curator-document");

    const comment = "Раздел 3: добавьте измеримые показатели по каждому направлению и сроки их достижения.";
    await curator.getByLabel("Комментарий для школы").fill(comment);
    expect(await returnButton.isDisabled()).toBe(false);
    await returnButton.click();
    await curator.getByText("Документ возвращён на доработку", { exact: true }).waitFor();
    await curator.getByTestId("document-status").getByText("На доработке").waitFor();

    // ---- the school's open page: a toast and the new status, no reload
    await school.getByRole("status").filter({ hasText: "Документ возвращён на доработку: Концепция развития" }).first().waitFor();
    await conceptRow(school).getByText("На доработке", { exact: true }).waitFor();
    await conceptRow(school).getByText(comment).waitFor();
    expect(await school.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    // ---- a new version, submitted again
    await uploadVersion(school, "Концепция развития, версия 3.pdf", pdf("Kontseptsiya razvitiya, versiya 3"), "Добавлены показатели в раздел 3");
    await conceptRow(school).getByRole("button", { name: "Отправить на проверку: Концепция развития" }).click();
    await conceptRow(school).getByText("На проверке", { exact: true }).waitFor();

    // ---- the curator's open page follows, and the curator approves
    await curator.getByTestId("document-status").getByText("На проверке").waitFor();
    await curator.getByRole("heading", { name: "Версии (3)" }).waitFor();
    await curator.getByText("«Добавлены показатели в раздел 3»").waitFor();
    await curator.getByRole("button", { name: "Принять документ" }).click();
    await curator.getByText("Документ принят", { exact: true }).waitFor();
    await curator.getByTestId("document-status").getByText("Принят").waitFor();
    // The history names every step.
    const history = await curator
      .locator("section")
      .filter({ has: curator.getByRole("heading", { name: "История", exact: true }) })
      .innerText();
    expect(history).toContain("Возвращён на доработку");
    expect(history).toContain(comment);

    await conceptRow(school).getByText("Принят", { exact: true }).waitFor();
    await school.getByRole("status").filter({ hasText: "Документ принят: Концепция развития" }).first().waitFor();
  });

  test("a decision someone else already made shows «Документ уже рассмотрен»", async () => {
    const { newPage } = app();
    // The demo's Среднесрочная программа is on review; the curator has it open in two tabs.
    const first = await newPage();
    await trackSockets(first);
    await signIn(first, "curator1@demo.medk.ru");
    await first.goto("/review");
    await first.getByRole("link", { name: "Среднесрочная программа развития" }).click();
    await first.getByRole("heading", { level: 1, name: "Среднесрочная программа развития" }).waitFor();
    await waitLive(first);
    // The second tab's live connection is cut (a flaky line): it cannot learn of the decision by itself.
    const second = await newPage();
    await second.routeWebSocket(/\/graphql$/, () => {});
    await trackSockets(second);
    await signIn(second, "curator1@demo.medk.ru");
    await second.goto(first.url());
    await second.getByRole("button", { name: "Принять документ" }).waitFor();
    await waitLive(second);

    await first.getByRole("button", { name: "Принять документ" }).click();
    await first.getByText("Документ принят", { exact: true }).waitFor();

    await second.getByLabel("Комментарий для школы").fill("Уточните сроки мероприятий в разделе 2.");
    await second.getByRole("button", { name: "Вернуть на доработку" }).click();
    await second.getByRole("alert").filter({ hasText: "Документ уже рассмотрен" }).first().waitFor();
    // The page then shows the document as it is now: accepted, with no decision to make.
    await second.getByTestId("document-status").getByText("Принят").waitFor();
    expect(await second.getByRole("button", { name: "Вернуть на доработку" }).count()).toBe(0);
  });
});
