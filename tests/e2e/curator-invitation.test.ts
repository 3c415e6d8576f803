import { describe, expect, test } from "vitest";
import { DEMO_PASSWORD, gid, screenshot, useE2E, viewerInfo, openSection } from "./helpers/app.ts";

const app = useE2E();

/** GraphQL over HTTP, as a script would call it. */
async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const res = await fetch(`${app().url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-graphql-yoga-csrf": "1",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

describe("curator", () => {
  test("invited by the regional coordinator sets a first password and lands on its (still empty) school list", async () => {
    const { signIn } = await gql<{ signIn: { token: string } }>("mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }", { e: "region75@demo.medk.ru", p: DEMO_PASSWORD });
    const school = await app().db.school.findFirstOrThrow({ where: { shortName: "МКОУ «СОШ № 14» г. Балей" } });
    const email = `new.curator.${Date.now()}@demo.medk.ru`;
    const { createUser } = await gql<{ createUser: { data?: { invitationPath: string }; message?: string } }>(
      `mutation($input: CreateUserInput!) {
        createUser(input: $input) {
          ... on MutationCreateUserSuccess { data { invitationPath } }
          ... on DomainError { message }
        }
      }`,
      { input: { email, fullName: "Новикова Вера Андреевна", role: "CURATOR", organisationId: gid("School", school.id) } },
      signIn.token,
    );
    const path = createUser.data?.invitationPath;
    expect(path, createUser.message).toMatch(/^\/invite\//);

    const page = await app().newPage();
    await page.goto(path!);
    await page.getByRole("heading", { level: 1, name: "Установка пароля" }).waitFor();

    // Mismatched passwords are caught before anything is sent.
    await page.getByLabel("Новый пароль").fill("first-password-2026");
    await page.getByLabel("Пароль ещё раз").fill("another-password");
    await page.getByRole("button", { name: "Сохранить пароль и войти" }).click();
    await page.getByText("Пароли не совпадают").waitFor();

    await page.getByLabel("Новый пароль").fill("first-password-2026");
    await page.getByLabel("Пароль ещё раз").fill("first-password-2026");
    await page.getByRole("button", { name: "Сохранить пароль и войти" }).click();
    await page.waitForURL((u) => u.pathname === "/review");
    await openSection(page, "Мои школы");
    await page.getByRole("heading", { level: 1, name: "Мои школы" }).waitFor();
    await viewerInfo(page).getByText("Новикова Вера Андреевна").waitFor();
    await page.getByText("Вы пока не курируете ни одной школы").waitFor();
    await screenshot(page, "curator-empty");

    // The link works once.
    const again = await app().newPage();
    await again.goto(path!);
    await again.getByLabel("Новый пароль").fill("second-password-2026");
    await again.getByLabel("Пароль ещё раз").fill("second-password-2026");
    await again.getByRole("button", { name: "Сохранить пароль и войти" }).click();
    await again.getByRole("alert").filter({ hasText: "недействительна" }).waitFor();
  });
});
