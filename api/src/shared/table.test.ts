import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { checkZip, readTable, readXlsxRows, REGISTRY_TABLE_LIMITS, TableTooLargeError, TableUnreadableError } from "./table.ts";

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Реестр");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("the shared bounded table reader", () => {
  it("reads a registry workbook and a Windows-1251 CSV into text rows", async () => {
    const t = await readTable(
      await xlsx([
        ["ИНН", "Школа"],
        [7701000001, "МБОУ СОШ № 1"],
      ]),
      "реестр.xlsx",
    );
    expect(t).toEqual({ header: ["ИНН", "Школа"], rows: [{ rowNumber: 2, cells: ["7701000001", "МБОУ СОШ № 1"] }] });
    const cp1251 = new Uint8Array([0xc8, 0xcd, 0xcd, 0x3b, 0xd8, 0xea, 0xee, 0xeb, 0xe0, 0x0a, 0x31, 0x3b, 0x41]); // «ИНН;Школа\n1;A»
    expect(await readTable(cp1251, "реестр.csv")).toEqual({ header: ["ИНН", "Школа"], rows: [{ rowNumber: 2, cells: ["1", "A"] }] });
  });

  it("streams raw values with dates when asked, and stops at the row limit of the whole file", async () => {
    const bytes = await xlsx([["Срок"], [new Date(Date.UTC(2026, 8, 30))]]);
    const rows = [];
    for await (const r of readXlsxRows(bytes, REGISTRY_TABLE_LIMITS, { dates: true })) rows.push(r);
    expect(rows[1]).toEqual({ sheet: 0, rowNumber: 2, values: [new Date(Date.UTC(2026, 8, 30))] });
    const many = await xlsx(Array.from({ length: 30 }, (_, i) => [i]));
    const read = async () => {
      for await (const _ of readXlsxRows(many, { ...REGISTRY_TABLE_LIMITS, maxRows: 20 }));
    };
    await expect(read()).rejects.toThrow(TableTooLargeError);
  });

  it("refuses an archive larger unpacked than allowed, or larger than its directory says", async () => {
    const bytes = await xlsx([["a"]]);
    await expect(checkZip(bytes, { maxUncompressed: 1000, maxSharedStrings: 1e6 })).rejects.toThrow(/в распакованном виде больше/);
    await expect(checkZip(bytes, REGISTRY_TABLE_LIMITS)).resolves.toBeUndefined();
    // Understate every entry's size in the central directory.
    const lying = new Uint8Array(bytes);
    const view = new DataView(lying.buffer);
    for (let p = 0; p < lying.length - 4; p++) if (view.getUint32(p, true) === 0x02014b50 && view.getUint16(p + 10, true) === 8) view.setUint32(p + 24, 1, true);
    await expect(checkZip(lying, REGISTRY_TABLE_LIMITS)).rejects.toThrow(/больше, чем указано в его оглавлении/);
    await expect(readTable(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "x.xlsx")).rejects.toThrow(TableUnreadableError);
  });
});
