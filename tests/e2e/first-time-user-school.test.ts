// What a first-time school user tripped over (issue 19, items 5 and 6): «Отправить на проверку» right after
// «Версия N загружена» must work even when the page re-reads slowly; the school's own submission is not
// announced back to it as news, and one return by the curator gives the school exactly one toast.
// Uses МОУ «Мирсановская СОШ» and its curator (curator3), whom no other browser test touches.
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { minimalPdf } from "../../prisma/seed/lib/storage.ts";
import { gid, screenshot, signIn, trackSockets, useE2E, waitLive } from "./helpers/app.ts";

const app = useE2E();
const SCHOOL = "МОУ «Мирсановская СОШ»";

/** A document of the school's current year that is open for a new version and already has one. */
async function openDocument() {
  const doc = await app().db.document.findFirstOrThrow({
    where: {
      status: { in: ["DRAFT", "RETURNED"] },
      kind: { not: "ROADMAP_ATTACHMENT" },
      versions: { some: {} },
      participation: { school: { shortName: SCHOOL }, programmeYear: { participations: { some: {} } } },
    },
    orderBy: { createdAt: "asc" },
    select: { id: true, participation: { select: { schoolId: true } } },
  });
  return { id: gid("Document", doc.id), schoolId: gid("School", doc.participation.schoolId) };
}

const rowOf = (page: Page, documentId: string) =>
  page
    .getByTestId("required-document")
    .filter({ has: page.locator(`a[href="/documents/${documentId}"]`) })
    .first();

async function upload(page: Page, documentId: string, name: string) {
  const row = rowOf(page, documentId);
  await row.getByRole("button", { name: /^Загрузить новую версию:/ }).click();
  await row.getByLabel("Файл документа").setInputFiles({ name, mimeType: "application/pdf", buffer: minimalPdf([name]) });
  await row.getByRole("button", { name: "Загрузить", exact: true }).click();
  await row.getByText(/Версия \d+ загружена/).waitFor();
}

describe("first-time school user", () => {
  let doc: Awaited<ReturnType<typeof openDocument>>;
  let school: Page;

  test("submits within a moment of «Версия N загружена», even when the page re-reads slowly", async () => {
    doc = await openDocument();
    school = await app().newPage();
    await trackSockets(school);
    await signIn(school, "school.mirsanovo@demo.medk.ru");
    await school.goto(`/schools/${doc.schoolId}/documents`);
    await school.getByRole("heading", { level: 1, name: "Концептуальные документы" }).waitFor();
    await waitLive(school);
    const row = rowOf(school, doc.id);

    // A version waiting to be sent: the button is there, holding the document's current revision.
    await upload(school, doc.id, "Promezhutochnaya versiya.pdf");
    await row.getByRole("button", { name: /^Отправить на проверку:/ }).waitFor();
    await school.waitForTimeout(500);

    // Now one more version, on a slow network for the page's re-read (SvelteKit's __data.json).
    await school.route("**/__data.json*", async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await upload(school, doc.id, "Novaya versiya.pdf");
    // The very moment it says «загружена», the button works.
    await row.getByRole("button", { name: /^Отправить на проверку:/ }).click({ timeout: 5000 });
    await row.getByText("Документ отправлен на проверку").waitFor();
    expect(await row.getByText("Не отправлено").count()).toBe(0);
    await row.getByText("На проверке", { exact: true }).waitFor();
    await school.unroute("**/__data.json*");
  });

  test("its own submission is not announced back to it; the curator's return gives one toast and one banner", async () => {
    const row = rowOf(school, doc.id);
    await school.waitForTimeout(1500);
    expect(await school.getByText("Статус документа изменился").count()).toBe(0);

    const curator = await app().newPage();
    await signIn(curator, "curator3@demo.medk.ru");
    await curator.goto(`/documents/${doc.id}`);
    await curator.getByLabel("Комментарий для школы").fill("Уточните сроки мероприятий во втором разделе.");
    await curator.getByRole("button", { name: "Вернуть на доработку" }).click();
    await curator.getByText("Документ возвращён на доработку", { exact: true }).waitFor();
    // Its own decision has its confirmation; the «status changed» banner is for others' decisions.
    await curator.waitForTimeout(1000);
    expect(await curator.getByText("Статус документа изменился").count()).toBe(0);

    await school.locator(".toaster .toast").first().waitFor();
    await row.getByText("На доработке", { exact: true }).waitFor();
    // Whatever else might come is given time to arrive.
    await school.waitForTimeout(2500);
    const toasts = await school.locator(".toaster .toast").allInnerTexts();
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toContain("возвращ");
    expect(await school.getByText("Статус документа изменился").count()).toBe(1);
    await screenshot(school, "first-time-school-returned-1280");
  });
});
