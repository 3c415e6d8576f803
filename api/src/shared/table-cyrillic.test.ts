import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { decodeText, readTable, TableUnreadableError } from "./table.ts";
import { innWithCheck, ogrnWithCheck, validInn, validOgrn } from "../modules/registry/checksums.ts";

describe("registry table reader", () => {
  it("reads Cyrillic cells of a large streamed .xlsx without replacement characters", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Реестр");
    ws.addRow(["Муниципальное образование", "Полное наименование", "", "ИНН"]);
    for (let i = 0; i < 4000; i++) ws.addRow([`Суздальский район ${i}`, `Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № ${i}»`, null, "3300000000"]);
    const table = await readTable(new Uint8Array(await wb.xlsx.writeBuffer()), "реестр.xlsx");
    expect(table.rows).toHaveLength(4000);
    expect(table.rows.filter((r) => r.cells.some((c) => c.includes("\uFFFD")))).toEqual([]);
    // An empty cell in the middle reads as empty text, not as a hole.
    expect(table.rows[0]!.cells).toEqual(["Суздальский район 0", "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 0»", "", "3300000000"]);
  });

  it("reads CSV in Windows-1251 and UTF-8 with either separator", async () => {
    const cp1251 = new Uint8Array([0xc8, 0xcd, 0xcd, 0x3b, 0xc8, 0xec, 0xff, 0x0a, 0x31, 0x3b, 0xc0, 0x0a]); // ИНН;Имя\n1;А\n
    expect(decodeText(cp1251)).toBe("ИНН;Имя\n1;А\n");
    expect(await readTable(cp1251, "a.csv")).toEqual({ header: ["ИНН", "Имя"], rows: [{ rowNumber: 2, cells: ["1", "А"] }] });
    const utf8 = new TextEncoder().encode("\uFEFFИНН,Имя\r\n2,Б\r\n");
    expect((await readTable(utf8, "b.csv")).rows).toEqual([{ rowNumber: 2, cells: ["2", "Б"] }]);
  });

  it("refuses an empty file and a file that only claims to be .xlsx", async () => {
    await expect(readTable(new Uint8Array(), "a.csv")).rejects.toThrow(TableUnreadableError);
    await expect(readTable(new TextEncoder().encode("not a zip"), "a.xlsx")).rejects.toThrow(/не похож на таблицу Excel/);
  });
});

describe("ИНН and ОГРН check digits", () => {
  it("accepts real numbers and the generated ones, refuses a changed digit", () => {
    expect(validInn("7707083893")).toBe(true); // ПАО Сбербанк
    expect(validOgrn("1027700132195")).toBe(true);
    expect(validInn("7707083894")).toBe(false);
    expect(validOgrn("1027700132194")).toBe(false);
    expect(validInn(innWithCheck("330123456"))).toBe(true);
    expect(validOgrn(ogrnWithCheck("102330000001"))).toBe(true);
    expect(validInn("77070838")).toBe(false);
  });
});
