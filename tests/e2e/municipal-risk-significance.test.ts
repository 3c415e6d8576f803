// Correcting a significance on the profile page: the municipal coordinator opens «Изменить» on a factor,
// picks another level with a reason, and the table and the profile's history show the change and why.
import { describe, expect, test } from "vitest";
import { MOBILE, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();
const LABEL = { HIGH: "Высокая", MEDIUM: "Средняя", LOW: "Низкая" } as const;

describe("municipal coordinator", () => {
  test("corrects a factor's significance with a reason, and the history keeps it", async () => {
    const school = await app().db.school.findFirstOrThrow({ where: { shortName: "МКОУ «Ундино-Посельская СОШ»" } });
    const entry = await app().db.riskProfileEntry.findFirstOrThrow({
      // The page opens on the school's latest programme year.
      where: { profile: { participation: { schoolId: school.id } }, riskFactor: { number: 2 } },
      orderBy: { riskFactor: { programmeYear: { year: "desc" } } },
      include: { riskFactor: true },
    });
    const next = entry.significance === "HIGH" ? "LOW" : "HIGH";

    const page = await app().newPage();
    await signIn(page, "baley@demo.medk.ru");
    await page.goto(`/schools/${Buffer.from(`School:${school.id}`).toString("base64")}/profile`);
    await page.getByRole("heading", { level: 1, name: "Рисковый профиль" }).waitFor();

    await page.getByRole("button", { name: `Изменить значимость: ${entry.riskFactor.title}` }).click();
    const dialog = page.getByRole("dialog", { name: "Изменить значимость" });
    await dialog.getByText(`№ 2. ${entry.riskFactor.title}`).waitFor();
    await dialog.getByLabel("Значимость", { exact: true }).selectOption(next);
    await dialog.getByLabel(/Причина изменения/).fill("Анкеты родителей пересчитаны после уточнения выборки");
    await screenshot(page, "municipal-risk-significance-dialog");
    await dialog.getByRole("button", { name: "Сохранить значимость" }).click();
    await page.getByText(`Значимость фактора № 2: ${LABEL[next].toLowerCase()}.`).waitFor();

    const row = page.locator("tbody tr").nth(1);
    await row.getByText(LABEL[next], { exact: true }).waitFor();
    const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "История профиля" }) });
    await history.getByText(`Фактор № 2: ${LABEL[entry.significance].toLowerCase()} → ${LABEL[next].toLowerCase()}`).waitFor();
    await history.getByText("Причина: Анкеты родителей пересчитаны после уточнения выборки").waitFor();

    const saved = await app().db.riskProfileEntry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(saved.significance).toBe(next);
    await screenshot(page, "municipal-risk-significance");

    const mobile = await app().newPage(MOBILE);
    await signIn(mobile, "baley@demo.medk.ru");
    await mobile.goto(page.url());
    await mobile.getByRole("button", { name: `Изменить значимость: ${entry.riskFactor.title}` }).click();
    await mobile.getByRole("dialog", { name: "Изменить значимость" }).waitFor();
    await screenshot(mobile, "municipal-risk-significance-375");
  });
});
