// Security headers and password rules as the browser sees them (issue 16.10, 16.11): pages carry a CSP that
// SvelteKit's own inline scripts satisfy (no violation while signing in and working live), frames are
// refused, a successful sign-in marks the browser as a known device, and a weak first password is explained.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { generateToken } from "../../api/src/auth/tokens.ts";
import { screenshot, signIn, trackSockets, useE2E, waitLive, MOBILE } from "./helpers/app.ts";

const app = useE2E();

describe("security headers", () => {
  test("pages carry a nonce-based CSP with frame-ancestors 'none', and the app runs under it without a violation", async () => {
    const res = await fetch(`${app().url}/login`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");

    const page = await app().newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await trackSockets(page);
    await signIn(page, "school.undino@demo.medk.ru");
    await waitLive(page); // the live connection (connect-src) works under the policy
    await page
      .getByRole("link", { name: /Дорожная карта/ })
      .first()
      .click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(violations).toEqual([]);
    const device = (await page.context().cookies()).find((c) => c.name === "medk_device");
    expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(device!.expires * 1000).toBeGreaterThan(Date.now() + 300 * 86_400_000);
  });
});

describe("first password", () => {
  test("a weak password is refused on the invitation page with the reason, and a strong one signs in", async () => {
    const db = app().db;
    const school = await db.school.findFirstOrThrow({ where: { shortName: { contains: "Ундино" } } });
    const user = await db.user.create({
      data: { email: `weak.${randomUUID().slice(0, 8)}@test.medk.ru`, fullName: "Соколова Анна Ильинична", organisationId: school.id, roles: { create: { role: "SCHOOL", schoolId: school.id } } },
    });
    const t = generateToken();
    await db.invitation.create({ data: { id: t.id, secretHash: Buffer.from(t.secretHash), userId: user.id, expiresAt: new Date(Date.now() + 3600_000) } });
    for (const [viewport, name] of [
      [undefined, "invite-weak-password-1280"],
      [MOBILE, "invite-weak-password-375"],
    ] as const) {
      const page = await app().newPage(viewport);
      await page.goto(`/invite/${t.token}`);
      await page.getByLabel("Новый пароль").fill("sokolova2026");
      await page.getByLabel("Пароль ещё раз").fill("sokolova2026");
      await page.getByRole("button", { name: "Сохранить пароль и войти" }).click();
      await page.getByText(/Слишком простой пароль/).waitFor();
      expect(await page.getByText(/имени или e-mail/).count()).toBeGreaterThan(0);
      await screenshot(page, name);
    }
    const page = await app().newPage();
    await page.goto(`/invite/${t.token}`);
    await page.getByLabel("Новый пароль").fill("клён-дорога-чайник");
    await page.getByLabel("Пароль ещё раз").fill("клён-дорога-чайник");
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/invite")), page.getByRole("button", { name: "Сохранить пароль и войти" }).click()]);
    await page.getByRole("heading", { level: 1 }).waitFor();
  });
});
