// The practices bank in the browser: a school proposes a practice; the region's coordinator returns it
// with a comment; the school sees the comment, corrects and resubmits; the coordinator publishes it;
// another school finds it by words and risk-factor-free search and copies it into its roadmap as a draft measure.
import { describe, expect, test } from "vitest";
import { MOBILE, mainText, screenshot, signIn, useE2E, openSection } from "./helpers/app.ts";

const app = useE2E();
const TITLE = "Наставничество молодых учителей в сельской школе";

describe("school and regional coordinator", () => {
  test("propose → returned with a comment → resubmitted → published → another school copies it into its roadmap", async () => {
    const { newPage } = app();
    const school = await newPage();
    await signIn(school, "school.undino@demo.medk.ru");
    await openSection(school, "Банк практик");
    await school.getByRole("heading", { level: 1, name: "Банк практик" }).waitFor();
    const form = school.getByRole("form", { name: "Новая практика" });
    await form.getByLabel("Название практики").fill(TITLE);
    await form.getByLabel("Что сделано").fill("Каждый молодой учитель получил наставника; раз в месяц — открытые уроки и разбор.");
    await form.getByLabel("Результат с цифрами").fill("Доля уроков с высокой оценкой выросла с 20 %");
    await form.getByRole("button", { name: "Отправить на проверку" }).click();
    await school.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await school.getByText("на проверке").first().waitFor();

    const region = await newPage();
    await signIn(region, "region75@demo.medk.ru");
    await region.goto(new URL("/practices", region.url()).toString());
    await region.getByRole("list", { name: "Ждут решения" }).getByRole("link", { name: TITLE }).click();
    await region.getByLabel("Что доработать").fill("Укажите, до скольких процентов выросла доля");
    await region.getByRole("button", { name: "Вернуть на доработку" }).click();
    await region.getByText("Практика возвращена на доработку").waitFor();

    await school.reload();
    await school.getByText("на доработке").first().waitFor();
    expect(await mainText(school)).toContain("«Укажите, до скольких процентов выросла доля»");
    const fix = school.getByRole("form", { name: "Исправление практики" });
    await fix.getByLabel("Результат с цифрами").fill("Доля уроков с высокой оценкой выросла с 20 % до 45 %");
    await fix.getByRole("button", { name: "Отправить снова" }).click();
    await school.getByText("Практика снова отправлена на проверку").waitFor();
    await screenshot(school, "school-practice-resubmitted");

    await region.reload();
    await region.getByRole("button", { name: "Опубликовать" }).click();
    await region.getByText("Практика опубликована в банке").waitFor();
    await screenshot(region, "regional-practice-published");

    const other = await newPage();
    await signIn(other, "school.zhidka@demo.medk.ru");
    await other.goto(new URL("/practices", other.url()).toString());
    await other.getByLabel("Что вы ищете?").fill("наставничества молодых учителей");
    await other.getByRole("button", { name: "Найти" }).click();
    await other.getByRole("list", { name: "Опубликованные практики" }).getByRole("link", { name: TITLE }).click();
    expect(await mainText(other)).toContain("с 20 % до 45 %");
    await other.getByRole("button", { name: "Скопировать в мою дорожную карту" }).click();
    await other.getByText("В дорожную карту добавлено черновых мероприятий: 1").waitFor();
    await screenshot(other, "school-practice-copied");

    const phone = await newPage(MOBILE);
    await signIn(phone, "school.zhidka@demo.medk.ru");
    await phone.goto(new URL("/practices?q=наставничество", phone.url()).toString());
    await phone.getByRole("link", { name: TITLE }).waitFor();
    await screenshot(phone, "school-practices-mobile");
  });
});
