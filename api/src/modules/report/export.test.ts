import { describe, expect, it } from "vitest";
import { toCsv } from "./export.ts";

describe("report CSV export", () => {
  it("writes text that starts like a formula as inert text, and numbers as numbers", () => {
    const csv = toCsv({
      sheet: "Школы",
      grouping: "Школы",
      columns: [
        { header: "Школа", kind: "text", value: (r: { name: string }) => r.name },
        { header: "Изменение", kind: "decimal", value: (r: { delta: number }) => r.delta },
      ],
      rows: [
        { name: '=HYPERLINK("http://evil.example";"Подробнее")', delta: -1.5 },
        { name: "+79000000000", delta: 2 },
        { name: "@cmd", delta: 0 },
        { name: "\t=1+1", delta: 0 },
        { name: "Школа № 5", delta: 0 },
      ],
    });
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toEqual(["Школа;Изменение", `"'=HYPERLINK(""http://evil.example"";""Подробнее"")";-1,5`, "'+79000000000;2", "'@cmd;0", "'\t=1+1;0", "Школа № 5;0"]);
  });
});
