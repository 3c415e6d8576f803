// The consultation line in four browsers: a school asks — while it types, a similar answered question is
// offered — and asks anyway; the region's coordinator passes the question to the federal coordinator,
// who answers it (the school's open page hears it live) and publishes it to «Вопросы и ответы» as a
// clean entry; another school finds it there by a different word form, and the search is a shareable link.
import { describe, expect, test } from "vitest";
import { MOBILE, mainText, screenshot, signIn, trackSockets, useE2E, waitLive, openSection } from "./helpers/app.ts";

const app = useE2E();
const QUESTION = "Как изменить дорожную карту школы после того, как куратор её утвердил? Мы добавили два мероприятия.";
const CLEAN_Q = "Как изменить утверждённую дорожную карту школы?";
const CLEAN_A = "Дорожная карта меняется новой версией: школа вносит мероприятия и снова отправляет карту куратору на проверку.";

describe("school, regional and federal coordinators", () => {
  test("ask (a similar answer offered) → pass on → answer live → publish → another school finds it by another word form", async () => {
    const { newPage } = app();

    // ---- the school asks
    const school = await newPage();
    await trackSockets(school);
    await signIn(school, "school.undino@demo.medk.ru");
    await openSection(school, "Консультации");
    await school.getByRole("heading", { level: 1, name: "Консультации" }).waitFor();
    await school.getByLabel("Тема").selectOption({ label: "Дорожная карта" });
    await school.getByLabel("Ваш вопрос").fill(QUESTION);
    const similar = school.getByRole("region", { name: "Похожие вопросы, на которые уже ответили" });
    await similar.getByText("Нужно ли включать в муниципальную дорожную карту мероприятия школ?").waitFor();
    expect(await similar.locator("mark").count()).toBeGreaterThan(0);
    await screenshot(school, "school-consultation-ask");
    await school.getByRole("button", { name: "Всё равно задать вопрос" }).click();
    await school.waitForURL(/\/consultations\/[^/]+$/);
    const questionUrl = new URL(school.url()).pathname;
    await school.getByTestId("question-status").getByText("новый").waitFor();
    await waitLive(school);

    // ---- the region's coordinator passes it on
    const region = await newPage();
    await signIn(region, "region75@demo.medk.ru");
    await openSection(region, "Консультации");
    await region.getByRole("heading", { level: 1, name: "Консультации" }).waitFor();
    await screenshot(region, "regional-consultation-inbox");
    await region.getByRole("link", { name: /Как изменить дорожную карту школы/ }).click();
    await region.getByRole("button", { name: "Передать на федеральный уровень" }).click();
    await region.getByTestId("question-status").getByText("передан").waitFor();
    expect(await region.getByRole("button", { name: "Ответить" }).count()).toBe(0);

    // ---- the federal coordinator answers
    const fed = await newPage();
    await signIn(fed, "fioco@demo.medk.ru");
    await openSection(fed, "Консультации");
    await fed.getByRole("link", { name: /Как изменить дорожную карту школы/ }).click();
    await fed.getByRole("button", { name: "Взять в работу" }).click();
    await fed.getByTestId("question-status").getByText("в работе").waitFor();
    await fed.getByLabel("Текст ответа").fill("Внесите мероприятия в дорожную карту и отправьте новую версию куратору на проверку.");
    await fed.getByRole("button", { name: "Ответить" }).click();
    await fed.getByTestId("question-status").getByText("отвечен").waitFor();

    // ---- the school hears it live, without a reload
    await school.getByRole("status").filter({ hasText: "Ответ консультационной линии" }).waitFor();
    await school.getByTestId("question-status").getByText("отвечен").waitFor();
    expect(await mainText(school)).toContain("Внесите мероприятия в дорожную карту");
    expect(new URL(school.url()).pathname).toBe(questionUrl);

    // ---- published as a clean entry; personal data is refused first
    await fed.getByLabel("Вопрос для публикации").fill(`${CLEAN_Q} Пишите на undino@school.ru`);
    await fed.getByLabel("Ответ для публикации").fill(CLEAN_A);
    await fed.getByRole("button", { name: "Опубликовать" }).click();
    await fed.getByText(/осталась личная информация \(адрес электронной почты\)/).waitFor();
    await fed.getByLabel("Вопрос для публикации").fill(CLEAN_Q);
    await fed.getByRole("button", { name: "Опубликовать" }).click();
    await fed.getByText("Опубликовано в «Вопросах и ответах».").waitFor();
    await screenshot(fed, "federal-consultation-publish");

    // ---- another school finds it by another word form, on a link it can share
    const other = await newPage();
    await signIn(other, "school.zhidka@demo.medk.ru");
    await openSection(other, "Вопросы и ответы");
    await other.getByRole("heading", { level: 1, name: "Вопросы и ответы" }).waitFor();
    await other.getByLabel("Что вы ищете?").fill("утверждённой дорожной карты");
    await other.getByRole("button", { name: "Найти" }).click();
    await other.waitForURL((u) => u.searchParams.get("q") === "утверждённой дорожной карты");
    const hit = other.getByRole("article").filter({ hasText: CLEAN_Q });
    await hit.waitFor();
    expect(await hit.locator("mark").allInnerTexts()).toEqual(expect.arrayContaining(["утверждённую", "дорожную", "карту"]));
    expect(await mainText(other)).not.toContain("Ундино");
    const shared = other.url();
    await screenshot(other, "school-faq-search");

    // The shared link opens the same search elsewhere, on a phone too.
    const phone = await newPage(MOBILE);
    await signIn(phone, "curator2@demo.medk.ru");
    await phone.goto(shared);
    await phone.getByRole("article").filter({ hasText: CLEAN_Q }).waitFor();
    await screenshot(phone, "faq-search-mobile");
    await phone.goto("/consultations");
    await phone.getByRole("heading", { level: 1, name: "Консультации" }).waitFor();
    await screenshot(phone, "curator-consultations-mobile");

    // A typo still finds it.
    await other.goto(`/faq?q=${encodeURIComponent("утверждёной дарожной")}`);
    await other.getByTestId("faq-summary").waitFor();
    expect(await other.getByTestId("faq-summary").innerText()).toMatch(/Показаны результаты для «[^»]*дорожн[^»]*»/);
    await other.getByRole("article").filter({ hasText: CLEAN_Q }).waitFor();
  }, 150_000);
});
