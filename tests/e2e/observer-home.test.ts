import { describe, expect, test } from "vitest";
import { mainText, screenshot, signIn, useE2E, viewerInfo } from "./helpers/app.ts";

const app = useE2E();

describe("observer", () => {
  test("lands read-only on its region", async () => {
    const page = await app().newPage();
    await signIn(page, "observer@demo.medk.ru");
    await page.getByRole("heading", { level: 1, name: "Забайкальский край" }).waitFor();
    await viewerInfo(page).getByText("Наблюдатель").waitFor();
    expect(await viewerInfo(page).getByTestId("territory").innerText()).toBe("Забайкальский край");
    await page.getByRole("link", { name: "Шилкинский район" }).waitFor();
    expect(await mainText(page)).not.toContain("Рязанская");
    await screenshot(page, "observer");
  });
});
