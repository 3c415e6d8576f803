// Accessibility (issue 19): axe-core over every page of every demo role — the sections of its menu and
// the pages they lead to — with no serious or critical finding; and the printed pages (roadmap, risk
// profile, documents list, reports) come out without the shell, buttons or scroll boxes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { DESKTOP, MOBILE, gid, screenshot, signIn, useE2E } from "./helpers/app.ts";

const app = useE2E();
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Finding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Runs axe on the page as it is (WCAG 2.1 A/AA); returns the serious and critical findings. */
async function audit(page: Page): Promise<Finding[]> {
  // evaluate runs over the DevTools protocol: the page's CSP does not apply to it.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: any[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n: any) => n.target.join(" ")) }));
  });
}

async function pagesOf(email: string): Promise<string[]> {
  const db = app().db;
  const undino = gid("School", (await db.school.findFirstOrThrow({ where: { shortName: "МКОУ «Ундино-Посельская СОШ»" } })).id);
  const baley = gid("Municipality", (await db.municipality.findFirstOrThrow({ where: { name: "Балейский район" } })).id);
  const doc = await db.document.findFirstOrThrow({ where: { kind: "CONCEPT", participation: { school: { shortName: "МКОУ «Ундино-Посельская СОШ»" } } }, orderBy: { createdAt: "desc" } });
  const extra: Record<string, string[]> = {
    "school.undino@demo.medk.ru": [`/schools/${undino}/roadmap`, `/schools/${undino}/profile`, `/documents/${gid("Document", doc.id)}`, "/help/review", "/search?q=СОШ"],
    "curator1@demo.medk.ru": [`/schools/${undino}`, `/schools/${undino}/roadmap`, `/documents/${gid("Document", doc.id)}`],
    "baley@demo.medk.ru": ["/people/new", `/schools/${undino}/profile`, `/municipalities/${baley}/roadmap`],
    "region75@demo.medk.ru": [
      `/schools/${undino}/roadmap`,
      "/people/curators",
      "/people/new",
      "/help/graphql",
      "/search?q=Балей",
      "/municipal-roadmaps",
      `/municipalities/${baley}/roadmap`,
      "/survey",
      "/programme-years/2026/rules",
    ],
    "fioco@demo.medk.ru": ["/reports?report=DOCUMENTS", "/survey", "/programme-years/2026/rules"],
    "observer@demo.medk.ru": [],
  };
  return extra[email] ?? [];
}

const ROLES = ["school.undino@demo.medk.ru", "curator1@demo.medk.ru", "baley@demo.medk.ru", "region75@demo.medk.ru", "fioco@demo.medk.ru", "observer@demo.medk.ru"];

describe("accessibility: axe over every page of every role", () => {
  test("the sign-in page", async () => {
    const page = await app().newPage();
    await page.goto("/login");
    expect(await audit(page)).toEqual([]);
  });

  for (const [email, viewport] of ROLES.flatMap(
    (e) =>
      [
        [e, DESKTOP],
        [e, MOBILE],
      ] as const,
  )) {
    test(`${email} at ${viewport.width} px: no serious or critical findings on any page`, async () => {
      const page = await app().newPage(viewport);
      await signIn(page, email);
      // On a phone the sections sit in «Меню»; their links are in the page all the same.
      const nav = await page.locator('nav[aria-label="Разделы"] a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
      expect(nav.length).toBeGreaterThan(0);
      const paths = [...new Set([...nav, ...(await pagesOf(email))])];
      const found: Record<string, Finding[]> = {};
      for (const path of paths) {
        await page.goto(path);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        // Charts draw after hydration; give them a moment so their SVG is audited too.
        await page.waitForTimeout(300);
        const f = await audit(page);
        if (f.length) found[path] = f;
      }
      expect(found).toEqual({});
    });
  }
});

describe("print", () => {
  test("roadmap, risk profile, documents list and reports print without the shell, buttons or scroll boxes", async () => {
    const undino = gid("School", (await app().db.school.findFirstOrThrow({ where: { shortName: "МКОУ «Ундино-Посельская СОШ»" } })).id);
    const page = await app().newPage();
    await signIn(page, "region75@demo.medk.ru");
    for (const path of [`/schools/${undino}/roadmap`, `/schools/${undino}/profile`, `/schools/${undino}/documents`, "/reports"]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("header.topbar").isVisible(), path).toBe(false);
      const visibleButtons = await page.locator("main button, main .btn").evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
      expect(visibleButtons, path).toBe(0);
      const clipped = await page.locator("main .table-wrap").evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
      expect(clipped, path).toBe(0);
      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      await page.emulateMedia({ media: "screen" });
    }
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "first-time-print-reports");
  });
});
