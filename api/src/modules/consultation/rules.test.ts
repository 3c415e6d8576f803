// Pure rules of the consultation line: the personal-data check of FAQ texts, safe highlighted HTML,
// the typo marks of the trigram fallback, the search text's bounds and the routing of a question.
import { describe, expect, it } from "vitest";
import { markup, unfold } from "./search.ts";
import { placeOf } from "./service.ts";
import { cleanSearch, personalDataIn, SEARCH_MAX } from "./validation.ts";
import type { Viewer } from "../../auth/viewer.ts";

describe("personal data in a FAQ text", () => {
  const known = { fullName: "Петрова Анна Сергеевна", schoolNames: ["МКОУ «Жидкинская ООШ»"] };
  it("finds e-mails, phones, the asker's surname and the school's name", () => {
    expect(personalDataIn(["Пишите на a.petrova@mail.ru"], known)).toBe("адрес электронной почты");
    expect(personalDataIn(["Звоните +7 (914) 123-45-67"], known)).toBe("номер телефона");
    expect(personalDataIn(["Как сказала Петровой завуч…"], known)).toBe("фамилия спрашивающего");
    expect(personalDataIn(["В МКОУ «Жидкинская ООШ» так"], known)).toBe("название школы");
  });
  it("passes a clean text", () => {
    expect(personalDataIn(["Как внести изменения в дорожную карту?", "Новой версией, 2026 год."], known)).toBeNull();
  });
});

describe("highlighted fragments", () => {
  it("escape the text and mark only the matches", () => {
    expect(markup("a <b> \u0001карта\u0002 & co")).toBe("a &lt;b&gt; <mark>карта</mark> &amp; co");
  });
  it("show the original «ё» although the match was made on «е»", () => {
    expect(unfold("Как \u0001утвержденную\u0002 карту", "Как утверждённую карту")).toBe("Как \u0001утверждённую\u0002 карту");
    expect(unfold("поменять \u0001ее\u0002 … нет такого", "Можно поменять её план")).toBe("поменять \u0001её\u0002 … нет такого");
  });
  it("bound and clean the search text", () => {
    expect(cleanSearch("  дорожная\n\tкарта\u0000 ")).toBe("дорожная карта");
    expect(cleanSearch("Утверждённая")).toBe("Утвержденная");
    expect(cleanSearch("я".repeat(1000)).length).toBe(SEARCH_MAX);
  });
});

describe("routing a question", () => {
  const viewer = (ctx: string[] = []) => ({ act: { contextRegionIds: new Set(ctx), contextMunicipalityIds: new Set<string>() } }) as unknown as Viewer;
  it("sends a school's question to its region and a coordinator's to the federal level", () => {
    expect(placeOf(viewer(), [{ role: "SCHOOL", regionId: "r", municipalityId: "m", schoolId: "s" }])).toEqual({ level: "REGION", regionId: "r", municipalityId: "m", schoolId: "s" });
    expect(placeOf(viewer(), [{ role: "REGIONAL_COORDINATOR", regionId: "r", municipalityId: null, schoolId: null }]).level).toBe("FEDERAL");
    expect(placeOf(viewer(), [{ role: "FEDERAL_COORDINATOR", regionId: null, municipalityId: null, schoolId: null }]).level).toBe("FEDERAL");
    expect(placeOf(viewer(["r2"]), [{ role: "CURATOR", regionId: null, municipalityId: null, schoolId: null }])).toMatchObject({ level: "REGION", regionId: "r2" });
  });
});
