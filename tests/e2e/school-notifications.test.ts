import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { writeNotifications } from "../../api/src/modules/notification/service.ts";
import { dropLive, gid, openSockets, signIn, trackSockets, useE2E, waitLive } from "./helpers/app.ts";

const app = useE2E();

/** Writes a notification for `email` the way services do, and publishes it after the commit. */
async function notify(email: string, title: string, payload: Record<string, string> = {}) {
  const { db, app: server } = app();
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const publish = await db.$transaction((tx) => writeNotifications(tx, [{ recipientId: user.id, kind: "DOCUMENT_RETURNED", title, payload }]));
  publish(server.pubsub);
}

const unreadCount = async (page: Page) => {
  const badge = page.getByTestId("unread-count");
  return (await badge.count()) ? Number(await badge.innerText()) : 0;
};

async function openSchoolPage() {
  const page = await app().newPage();
  await trackSockets(page);
  await signIn(page, "school.zhidka@demo.medk.ru");
  await page.getByRole("heading", { level: 1, name: "МКОУ «Жидкинская ООШ»" }).waitFor();
  await waitLive(page);
  return page;
}

describe("school", () => {
  test("sees a live toast and the bell count grow when a notification arrives, and reads it in the bell", async () => {
    const page = await openSchoolPage();
    const before = await unreadCount(page);

    const school = await app().db.school.findFirstOrThrow({ where: { shortName: "МКОУ «Жидкинская ООШ»" } });
    await notify("school.zhidka@demo.medk.ru", "Концепция развития возвращена на доработку", {
      schoolId: gid("School", school.id),
    });

    await page.getByRole("status").filter({ hasText: "Концепция развития возвращена на доработку" }).waitFor();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="unread-count"]')?.textContent) === n, before + 1);

    await page.getByRole("button", { name: /^Уведомления/ }).click();
    const panel = page.getByRole("region", { name: "Уведомления" });
    await panel.getByRole("link", { name: "Концепция развития возвращена на доработку" }).waitFor();
    await panel.getByRole("button", { name: "Отметить все прочитанными" }).click();
    await page.getByTestId("unread-count").waitFor({ state: "detached" });
    expect(await unreadCount(page)).toBe(0);
  });

  test("catches up with notifications(since) what was sent while the live connection was down", async () => {
    const page = await openSchoolPage();
    await dropLive(page);
    // The client waits over a second before reconnecting: what is sent meanwhile only the catch-up brings.
    await page.waitForTimeout(300);
    await notify("school.zhidka@demo.medk.ru", "Срок мероприятия истекает завтра");
    await page.getByRole("status").filter({ hasText: "Срок мероприятия истекает завтра" }).waitFor({ timeout: 20_000 });
    expect(await openSockets(page)).toBe(1);
  });
});
