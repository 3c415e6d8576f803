import { describe, expect, test } from "vitest";
import { signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();

describe("school", () => {
  test("signs out and is back on the sign-in page, with the session gone", async () => {
    const page = await app().newPage();
    await signIn(page, "school.zhidka@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "МКОУ «Жидкинская ООШ»" }).waitFor();

    await page.getByRole("banner").getByRole("button", { name: "Выйти" }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    await page.getByRole("heading", { level: 1, name: "Вход" }).waitFor();
    await page.getByText("Вы вышли из МЭДК").waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "medk_session")).toBeUndefined();

    // Signed-in pages now send back to sign-in, remembering where the user wanted to go.
    await page.goto("/notifications");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/notifications");
  });
});
