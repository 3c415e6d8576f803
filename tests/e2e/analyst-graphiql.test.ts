import { describe, expect, test } from "vitest";
import { screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();

describe("an analyst of a region", () => {
  test("opens GraphiQL on a network that reaches only МЭДК and runs the example report", async () => {
    const page = await app().newPage();
    const origin = new URL(app().url).origin;
    // A ministry network: every other host is unreachable.
    const foreign: string[] = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    await signIn(page, "region75@demo.medk.ru");
    await page.goto("/graphql");
    // The editor holds the example query and the run button works.
    await page.locator(".graphiql-editor").getByText("RegionOverview").first().waitFor();
    await page.getByRole("button", { name: /Execute query/ }).click();
    await page.locator(".graphiql-response").getByText("Забайкальский край").first().waitFor();
    expect(foreign).toEqual([]);
    await screenshot(page, "analyst-graphiql");
  });
});
