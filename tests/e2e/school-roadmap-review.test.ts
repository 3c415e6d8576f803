// The roadmap as a reviewed plan, in two browsers: the roadmap deadline alert reaches the school's open
// page; the school submits its roadmap, its curator finds it in «На проверку» and returns it with a
// comment, the school's open page shows the comment without a reload, the school changes a measure and
// submits again, the curator's open page shows what changed since the first version, and the curator
// approves. The demo roadmap is put back as it was afterwards.
import { afterAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { runDeadlineScan } from "../../api/src/modules/deadline/scan.ts";
import { minimalPdf } from "../../prisma/seed/lib/storage.ts";
import { MOBILE, gid, screenshot, signIn, trackSockets, useE2E, waitLive } from "./helpers/app.ts";

const app = useE2E();
const SCHOOL = "МКОУ «Ундино-Посельская СОШ»";
const COMMENT = "Добавьте в мероприятия родителей обучающихся: кто и как их привлекает.";

const participationOf = async () => {
  const { db } = app();
  const school = await db.school.findFirstOrThrow({ where: { shortName: SCHOOL }, select: { id: true, municipalityId: true } });
  const p = await db.participation.findFirstOrThrow({
    where: { schoolId: school.id },
    orderBy: { programmeYear: { year: "desc" } },
    select: { id: true, programmeYearId: true, programmeYear: { select: { roadmapDue: true } }, roadmap: { select: { id: true } } },
  });
  return { school, participation: p, roadmapId: p.roadmap!.id };
};

let restore: (() => Promise<void>) | null = null;
afterAll(async () => {
  await restore?.();
});

const status = (page: Page) => page.getByTestId("roadmap-status");

async function openRoadmap(page: Page, email: string) {
  await trackSockets(page);
  await signIn(page, email);
  await page.getByRole("link", { name: "Дорожная карта", exact: true }).first().click();
  await page.getByRole("heading", { level: 1, name: "Дорожная карта" }).waitFor();
  await waitLive(page);
}

describe("school and curator", () => {
  test("deadline alert → submit → return with a comment (seen live) → a measure changed → resubmit → the curator sees the change and approves", async () => {
    const { db, newPage, app: server } = app();
    const { school: s, participation, roadmapId } = await participationOf();
    const measuresBefore = await db.measure.findMany({ where: { roadmapId }, select: { id: true, title: true } });
    const dueBefore = participation.programmeYear.roadmapDue;
    restore = async () => {
      await db.programmeYear.update({ where: { id: participation.programmeYearId }, data: { roadmapDue: dueBefore } });
      await db.roadmapReview.deleteMany({ where: { roadmapId } });
      await db.roadmapVersion.deleteMany({ where: { roadmapId } });
      await db.roadmap.update({ where: { id: roadmapId }, data: { status: "DRAFT", submittedAt: null, decidedAt: null, editHelpRequestedAt: null } });
      for (const m of measuresBefore) await db.measure.update({ where: { id: m.id }, data: { title: m.title } });
    };

    // ---- the school's roadmap page is open
    const school = await newPage();
    await openRoadmap(school, "school.undino@demo.medk.ru");
    expect(new URL(school.url()).pathname).toBe(`/schools/${gid("School", s.id)}/roadmap`);
    await status(school).getByText("Черновик").waitFor();
    await school.getByText("Ещё не отправлялась на проверку.").waitFor();
    await school.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    // ---- the roadmap is due tomorrow (on the region's clock): the deadline scan alerts the school, live
    const chitaToday = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(`${chitaToday}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    await db.programmeYear.update({ where: { id: participation.programmeYearId }, data: { roadmapDue: tomorrow } });
    const scanned = await runDeadlineScan(db, server.pubsub, new Date(), { municipalityIds: [s.municipalityId] });
    expect(scanned.ROADMAP_DUE_SOON).toBeGreaterThanOrEqual(1);
    const alert = `${SCHOOL}: до ${tomorrow.toISOString().slice(0, 10).split("-").reverse().join(".")} (завтра) отправьте дорожную карту на проверку`;
    await school.getByRole("status").filter({ hasText: alert }).first().waitFor();
    // Exactly once: a second scan sends nothing more.
    expect((await runDeadlineScan(db, server.pubsub, new Date(), { municipalityIds: [s.municipalityId] })).ROADMAP_DUE_SOON).toBe(0);
    await school.getByRole("button", { name: /^Уведомления/ }).click();
    const bell = school.getByRole("region", { name: "Уведомления" });
    const link = bell.getByRole("link", { name: alert });
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe(`/schools/${gid("School", s.id)}/roadmap`);
    await school.getByRole("button", { name: /^Уведомления/ }).click();
    await screenshot(school, "school-roadmap-review-draft");

    // ---- the school submits
    await school.getByRole("button", { name: "Отправить на проверку" }).click();
    await school.getByText("Дорожная карта отправлена на проверку").first().waitFor();
    await status(school).getByText("На проверке").waitFor();
    // While on review the plan is locked: no adding or editing measures.
    await school.getByRole("button", { name: "Добавить мероприятие" }).waitFor({ state: "detached" });
    expect(await school.getByRole("button", { name: /^Изменить: мероприятие/ }).count()).toBe(0);

    // ---- the curator finds it in the queue, beside the documents, and returns it with a comment
    const curator = await newPage();
    await trackSockets(curator);
    await signIn(curator, "curator1@demo.medk.ru");
    await curator.getByRole("link", { name: "На проверку" }).click();
    await curator.getByRole("heading", { level: 1, name: "Документы на проверку" }).waitFor();
    const queued = curator.getByTestId("roadmap-queue-row").filter({ hasText: SCHOOL });
    await queued.getByText("Редакция 1").waitFor();
    await screenshot(curator, "curator-review-queue-roadmaps");
    await queued.getByRole("link", { name: /^Дорожная карта \d{4}$/ }).click();
    await curator.getByRole("heading", { level: 1, name: "Дорожная карта" }).waitFor();
    await waitLive(curator);
    await status(curator).getByText("На проверке").waitFor();
    const returnButton = curator.getByRole("button", { name: "Вернуть на доработку" });
    expect(await returnButton.isDisabled()).toBe(true);
    await curator.getByText("Чтобы вернуть дорожную карту, напишите в комментарии, что нужно доработать.").waitFor();
    await curator.getByLabel("Комментарий для школы").fill(COMMENT);
    await returnButton.click();
    await curator.getByText("Дорожная карта возвращена на доработку").first().waitFor();
    await status(curator).getByText("На доработке").waitFor();

    // ---- the school's open page: the toast, the new status and the comment, no reload
    await school
      .getByRole("status")
      .filter({ hasText: `Дорожная карта возвращена на доработку: ${SCHOOL} (редакция 1)` })
      .first()
      .waitFor();
    await status(school).getByText("На доработке").waitFor();
    await school.getByTestId("return-comment").getByText(COMMENT).waitFor();
    expect(await school.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await screenshot(school, "school-roadmap-returned");

    // ---- the school changes a measure and submits again
    const edit = school.getByRole("button", { name: /^Изменить: мероприятие № \d+$/ }).first();
    const position = (await edit.getAttribute("aria-label"))!.match(/№ (\d+)$/)![1];
    await edit.click();
    const dialog = school.getByRole("dialog", { name: `Изменить мероприятие № ${position}` });
    const title = dialog.getByLabel("Что будет сделано");
    const oldTitle = await title.inputValue();
    const newTitle = `${oldTitle} с участием родительского комитета`;
    await title.fill(newTitle);
    await dialog.getByRole("button", { name: /^Сохранить/ }).click();
    await school.getByText(`Мероприятие № ${position} сохранено.`).waitFor();
    // The page has re-read the roadmap (and its revision) once the table shows the new title.
    await school.getByTestId("measure-row").filter({ hasText: newTitle }).waitFor();
    await school.getByRole("button", { name: "Отправить на проверку" }).click();
    await status(school).getByText("На проверке").waitFor();

    // ---- the curator's open page follows: what changed since version 1, then the approval
    await status(curator).getByText("На проверке").waitFor();
    const diff = curator.getByTestId("plan-diff").filter({ hasText: "Что изменилось с редакции 1" });
    await diff.waitFor();
    const diffText = await diff.innerText();
    expect(diffText).toContain("Описание действий");
    expect(diffText).toContain(newTitle);
    await screenshot(curator, "curator-roadmap-diff");
    await curator.getByRole("button", { name: "Принять дорожную карту" }).click();
    await curator.getByText("Дорожная карта принята").first().waitFor();
    await status(curator).getByText("Принята").waitFor();
    // The history names both versions and the decisions.
    await curator.getByText("История проверки: 2 редакции").click();
    const versions = await curator.getByTestId("roadmap-version").allInnerTexts();
    expect(versions).toHaveLength(2);
    expect(versions[0]).toMatch(/Редакция 2[\s\S]*Принята/);
    expect(versions[1]).toMatch(/Редакция 1[\s\S]*Возвращена на доработку/);
    expect(versions[1]).toContain(COMMENT);

    await status(school).getByText("Принята").waitFor();
    await school
      .getByRole("status")
      .filter({ hasText: `Дорожная карта принята: ${SCHOOL} (редакция 2)` })
      .first()
      .waitFor();
    expect((await db.roadmap.findUniqueOrThrow({ where: { id: roadmapId } })).status).toBe("APPROVED");

    // The page on a phone.
    const phone = await newPage(MOBILE);
    await signIn(phone, "school.undino@demo.medk.ru");
    await phone.goto(`/schools/${gid("School", s.id)}/roadmap`);
    await status(phone).getByText("Принята").waitFor();
    await screenshot(phone, "school-roadmap-approved-375");
  });

  test("the school uploads an attachment to its roadmap on the documents page and sends it for review", async () => {
    const { db, newPage } = app();
    const { participation } = await participationOf();
    const page = await newPage();
    await signIn(page, "school.undino@demo.medk.ru");
    await page.getByRole("link", { name: "Документы", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "Концептуальные документы" }).waitFor();
    const card = page.getByTestId("roadmap-attachment");
    await card.getByRole("button", { name: "Загрузить файл: Приложение к дорожной карте" }).click();
    await card.getByLabel("Файл документа").setInputFiles({ name: "Приложение к дорожной карте.pdf", mimeType: "application/pdf", buffer: minimalPdf(["Prilozhenie k dorozhnoy karte"]) });
    await card.getByRole("button", { name: "Загрузить", exact: true }).click();
    await card.getByText("Версия 1 загружена").waitFor();
    await card.getByRole("link", { name: "Приложение к дорожной карте.pdf" }).waitFor();
    await card.getByRole("button", { name: "Отправить на проверку: Приложение к дорожной карте" }).click();
    await card.getByText("На проверке", { exact: true }).waitFor();
    await screenshot(page, "school-roadmap-attachment");
    const doc = await db.document.findFirstOrThrow({ where: { participationId: participation.id, kind: "ROADMAP_ATTACHMENT" } });
    expect(doc.status).toBe("SUBMITTED");
  });

  test("the municipal roadmap: the municipal coordinator submits it on the municipality's page, the region's coordinator approves it live", async () => {
    const { db, newPage } = app();
    const mu = await db.municipality.findFirstOrThrow({ where: { name: "Балейский район" } });
    const roadmap = await db.roadmap.findFirstOrThrow({ where: { municipalityId: mu.id }, orderBy: { programmeYear: { year: "desc" } } });
    try {
      const owner = await newPage();
      await trackSockets(owner);
      await signIn(owner, "baley@demo.medk.ru");
      await owner.getByRole("heading", { level: 1, name: "Балейский район" }).waitFor();
      const card = owner.getByTestId("municipal-roadmap");
      await card.getByRole("heading", { name: /^Муниципальная дорожная карта \d{4}$/ }).waitFor();
      await waitLive(owner);
      await status(owner).getByText("Черновик").waitFor();
      await card.getByRole("button", { name: "Отправить на проверку" }).click();
      await status(owner).getByText("На проверке").waitFor();

      const region = await newPage();
      await signIn(region, "region75@demo.medk.ru");
      await region.goto(`/municipalities/${gid("Municipality", mu.id)}`);
      const regionCard = region.getByTestId("municipal-roadmap");
      await status(region).getByText("На проверке").waitFor();
      await regionCard.getByLabel("Комментарий для муниципалитета").waitFor();
      await regionCard.getByRole("button", { name: "Принять дорожную карту" }).click();
      await status(region).getByText("Принята").waitFor();
      await screenshot(region, "regional-municipal-roadmap-approved");

      // The municipal coordinator's open page follows without a reload.
      await status(owner).getByText("Принята").waitFor();
    } finally {
      await db.roadmapReview.deleteMany({ where: { roadmapId: roadmap.id } });
      await db.roadmapVersion.deleteMany({ where: { roadmapId: roadmap.id } });
      await db.roadmap.update({ where: { id: roadmap.id }, data: { status: "DRAFT", submittedAt: null, decidedAt: null } });
    }
  });
});
