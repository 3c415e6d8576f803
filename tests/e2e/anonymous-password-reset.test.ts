// «Забыли пароль?» end to end: the sign-in page → the reset request → a mail received by a real SMTP server
// on loopback (started here) → its link opened in the browser → a new password → signed in. Then the
// profile page (e-mail preferences) and a failing address on the coordinator's people page.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import { startE2E, signIn, screenshot, MOBILE, type E2E } from "./helpers/app.ts";
import { startSmtp, type TestSmtp } from "../testkit/smtp.ts";
import { seedWorld, TEST_PASSWORD, type World } from "../testkit/seed.ts";
import { startMailWorker, type MailWorker } from "../../api/src/modules/mail/worker.ts";
import { closeSmtpTransport } from "../../api/src/modules/mail/sender.ts";

let app: E2E;
let smtp: TestSmtp;
let worker: MailWorker;
let world: World;
const schema = `pgboss_e2e_${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = "МЭДК <noreply@medk.test>";
  app = await startE2E();
  process.env.PUBLIC_URL = app.url;
  worker = (await startMailWorker({ databaseUrl: app.databaseUrl, db: app.db, schema, schedules: false, pollingIntervalSeconds: 0.5 }))!;
  world = await seedWorld(app.db);
});
afterAll(async () => {
  await worker?.stop();
  closeSmtpTransport();
  await app?.db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
  await app?.stop();
  await smtp?.stop();
  delete process.env.SMTP_URL;
});

describe("password reset", () => {
  test("forgot password → mail → link → new password → signed in; the old password stops working", async () => {
    const email = world.users.school.email;
    const page = await app.newPage();
    await page.goto("/login");
    await page.getByRole("link", { name: "Забыли пароль?" }).click();
    await page.getByRole("heading", { level: 1, name: "Восстановление пароля" }).waitFor();
    await screenshot(page, "password-reset-request-1280");
    await page.getByLabel("E-mail").fill(email);
    await page.getByRole("button", { name: "Прислать ссылку" }).click();
    await page.getByText("Проверьте почту").waitFor();
    await screenshot(page, "password-reset-sent-1280");

    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe("Восстановление пароля МЭДК");
    const link = /(http:\/\/127\.0\.0\.1:\d+\/reset\/[a-z2-7.]+)/.exec(mail.text)?.[1];
    expect(link?.startsWith(`${app.url}/reset/`)).toBe(true);

    await page.goto(link!);
    await page.getByRole("heading", { level: 1, name: "Новый пароль" }).waitFor();
    await page.getByLabel("Новый пароль", { exact: true }).fill("весенний-сад-у-реки");
    await page.getByLabel("Пароль ещё раз").fill("весенний-сад-у-реки");
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/reset")), page.getByRole("button", { name: "Сохранить пароль и войти" }).click()]);
    await page.getByTestId("viewer").getByText(`Тест SCHOOL`).waitFor();

    // The link was single-use.
    const again = await app.newPage();
    await again.goto(link!);
    await again.getByLabel("Новый пароль", { exact: true }).fill("другой-пароль-12345");
    await again.getByLabel("Пароль ещё раз").fill("другой-пароль-12345");
    await again.getByRole("button", { name: "Сохранить пароль и войти" }).click();
    await again.getByRole("alert").filter({ hasText: "недействительна" }).waitFor();

    // New password works; the old one does not.
    const fresh = await app.newPage();
    await signIn(fresh, email, "весенний-сад-у-реки");
    const old = await app.newPage();
    await old.goto("/login");
    await old.getByLabel("E-mail").fill(email);
    await old.getByLabel("Пароль", { exact: true }).fill(TEST_PASSWORD);
    await old.getByRole("button", { name: "Войти" }).click();
    await old.getByRole("alert").filter({ hasText: "Неверный e-mail или пароль" }).waitFor();
  });

  test("the request page reads well on a phone", async () => {
    const page = await app.newPage(MOBILE);
    await page.goto("/forgot");
    await page.getByRole("heading", { level: 1, name: "Восстановление пароля" }).waitFor();
    await screenshot(page, "password-reset-request-375");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
  });
});

describe("invitation by e-mail", () => {
  test("a coordinator's new account gets the invitation mail; its link sets the first password in the browser", async () => {
    const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const res = await fetch(`${app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data: any };
    };
    const signed = await gql("mutation($e: String!, $p: String!){ signIn(email: $e, password: $p){ token } }", { e: world.users.municipal.email, p: TEST_PASSWORD });
    const email = `e2e.invite.${Date.now()}@test.medk.ru`;
    const created = await gql(
      "mutation($i: CreateUserInput!){ createUser(input: $i){ ... on MutationCreateUserSuccess { data { invitationMailed } } } }",
      { i: { email, fullName: "Приглашённый Пётр Ильич", role: "SCHOOL", schoolId: Buffer.from(`School:${world.schoolId}`).toString("base64") } },
      signed.data.signIn.token,
    );
    expect(created.data.createUser.data.invitationMailed).toBe(true);
    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe("Приглашение в МЭДК");
    const link = /(http:\/\/127\.0\.0\.1:\d+\/invite\/[a-z2-7.]+)/.exec(mail.text)?.[1];
    expect(link?.startsWith(`${app.url}/invite/`)).toBe(true);
    const page = await app.newPage();
    await page.goto(link!);
    await page.getByLabel("Новый пароль").fill("первый-пароль-петра");
    await page.getByLabel("Пароль ещё раз").fill("первый-пароль-петра");
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/invite")), page.getByRole("button", { name: "Сохранить пароль и войти" }).click()]);
    await page.getByTestId("viewer").getByText("Приглашённый Пётр Ильич").waitFor();
  });
});

describe("profile", () => {
  test("the curator sets an e-mail preference on /profile and it stays; the page fits a phone", async () => {
    const page = await app.newPage();
    await signIn(page, world.users.curator.email, TEST_PASSWORD);
    await page
      .getByRole("link", { name: /Тест CURATOR/ })
      .first()
      .click();
    await page.getByRole("heading", { level: 1, name: "Профиль" }).waitFor();
    await page.getByTestId("profile-email").getByText(world.users.curator.email).waitFor();
    await page.getByLabel("Должность").fill("Заместитель директора по УВР");
    await page.getByRole("button", { name: "Сохранить", exact: true }).click();
    await page.getByText("Данные сохранены").waitFor();
    expect((await app.db.user.findUniqueOrThrow({ where: { id: world.users.curator.id } })).position).toBe("Заместитель директора по УВР");
    const row = page.getByRole("row", { name: /Скоро срок(?! документов| дорожной)/ });
    await row.getByRole("radio", { name: "Не присылать" }).check();
    await page.getByRole("button", { name: "Сохранить настройки" }).click();
    await page.getByText("Настройки уведомлений сохранены").waitFor();
    await screenshot(page, "profile-1280");
    const pref = await app.db.notificationPreference.findUnique({ where: { userId_kind: { userId: world.users.curator.id, kind: "DEADLINE_SOON" } } });
    expect(pref?.email).toBe("OFF");
    await page.reload();
    expect(
      await page
        .getByRole("row", { name: /Скоро срок(?! документов| дорожной)/ })
        .getByRole("radio", { name: "Не присылать" })
        .isChecked(),
    ).toBe(true);

    const phone = await app.newPage(MOBILE);
    await signIn(phone, world.users.curator.email, TEST_PASSWORD);
    await phone.goto("/profile");
    await phone.getByRole("heading", { level: 1, name: "Профиль" }).waitFor();
    await screenshot(phone, "profile-375");
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  test("a wrong current password is refused with a clear message", async () => {
    const page = await app.newPage();
    await signIn(page, world.users.municipal.email, TEST_PASSWORD);
    await page.goto("/profile");
    await page.getByLabel("Текущий пароль").fill("не-тот-пароль");
    await page.getByLabel("Новый пароль", { exact: true }).fill("новый-пароль-муниципалитета");
    await page.getByLabel("Новый пароль ещё раз").fill("новый-пароль-муниципалитета");
    await page.getByRole("button", { name: "Сменить пароль" }).click();
    await page.getByRole("alert").filter({ hasText: "Текущий пароль указан неверно" }).waitFor();
  });
});

describe("people page", () => {
  test("the coordinator sees that mail to an account fails, next to the account", async () => {
    await app.db.user.update({ where: { id: world.users.school.id }, data: { mailFailedAt: new Date(), mailFailure: "550 5.1.1 Нет такого почтового ящика" } });
    const page = await app.newPage();
    await signIn(page, world.users.municipal.email, TEST_PASSWORD);
    await page.goto(`/people?q=${encodeURIComponent(world.users.school.email)}`);
    const row = page.getByRole("row", { name: new RegExp(world.users.school.email.replace(/\./g, "\\.")) });
    await row.getByTestId("mail-failed").getByText("Письма не доставляются").waitFor();
    await row.getByText("550 5.1.1").waitFor();
    await screenshot(page, "people-mail-failed-1280");
    const phone = await app.newPage(MOBILE);
    await signIn(phone, world.users.municipal.email, TEST_PASSWORD);
    await phone.goto(`/people?q=${encodeURIComponent(world.users.school.email)}`);
    await phone.getByTestId("mail-failed").first().waitFor();
    await screenshot(phone, "people-mail-failed-375");
  });
});
