// Crafted workbooks ("XLSX bombs") against importRoadmap: each file is under the 5 MB upload limit but
// unpacks to a huge sheet, millions of rows, a giant string table, an absurd dimension, or more than its
// own directory admits. Each is refused with a clear message within a second, and the server's memory
// barely moves (the issue measured ~9.5 s and ~2.9 GB for one such file).
import { crc32, deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";
import { roadmapWorld, uploadGql, type RoadmapWorld } from "./helpers.ts";

let s: TestServer;
let rw: RoadmapWorld;
beforeAll(async () => {
  s = await startServer();
  rw = await roadmapWorld(s);
});
afterAll(() => s.stop());

const IMPORT = `mutation($input: ImportRoadmapInput!) { importRoadmap(input: $input) {
  __typename ... on RoadmapImportError { code problems { row message } } ... on Error { code message } } }`;

/** A zip of `entries` (deflated); `declare` overrides the uncompressed size its directory states. */
function zip(entries: { name: string; data: Buffer; declare?: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data, { level: 9 });
    const crc = crc32(e.data);
    const size = e.declare ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(cd, name);
    offset += 30 + name.length + packed.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...central, end]));
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const HEADER = `<row r="1"><c r="A1" t="inlineStr"><is><t>№</t></is></c><c r="B1" t="inlineStr"><is><t>Описание действий</t></is></c><c r="C1" t="inlineStr"><is><t>Сроки реализации</t></is></c></row>`;

/** A workbook whose sheet is `dimension`, the header row, then `body` repeated `times`; optional shared strings. */
function workbook(opts: { body?: string; times?: number; dimension?: string; tail?: string; shared?: Buffer; declareSheet?: number }): Uint8Array {
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const head = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}>${opts.dimension ? `<dimension ref="${opts.dimension}"/>` : ""}<sheetData>${HEADER}`);
  const body = opts.body ? Buffer.alloc(Buffer.byteLength(opts.body) * (opts.times ?? 1)).fill(opts.body) : Buffer.alloc(0);
  const sheet = Buffer.concat([head, body, Buffer.from(`${opts.tail ?? ""}</sheetData></worksheet>`)]);
  const entries = [
    {
      name: "[Content_Types].xml",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", "officeDocument", "xl/workbook.xml")}</Relationships>`,
      ),
    },
    { name: "xl/workbook.xml", data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="План" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", "worksheet", "worksheets/sheet1.xml")}${rel("rId2", "sharedStrings", "sharedStrings.xml")}</Relationships>`,
      ),
    },
    ...(opts.shared ? [{ name: "xl/sharedStrings.xml", data: opts.shared }] : []),
    { name: "xl/worksheets/sheet1.xml", data: sheet, declare: opts.declareSheet },
  ];
  return zip(entries);
}

/** Imports `bytes` while sampling the process's memory; returns the answer, the time and the RSS growth. */
async function attempt(bytes: Uint8Array) {
  expect(bytes.length).toBeLessThan(5 * 1024 * 1024);
  // Building a bomb can take longer than the server's keep-alive: a first request retires a socket the
  // server is just closing, so the measured upload does not die of that race (ECONNRESET).
  await fetch(`${s.url}/healthz`).catch(() => fetch(`${s.url}/healthz`));
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const t0 = performance.now();
  const r = await uploadGql(s, rw.t.school, IMPORT, { input: { participationId: gid("Participation", rw.w.participationId), file: null } }, "input.file", {
    name: "Дорожная карта.xlsx",
    bytes,
  });
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { r, ms, growthMb: (peak - base) / 1024 / 1024 };
}

const measures = () => s.db.measure.count({ where: { roadmap: { participationId: rw.w.participationId } } });

describe("XLSX bombs", () => {
  const cases: [string, () => Uint8Array, RegExp][] = [
    [
      "400 000 rows within the unpacked limit",
      () => workbook({ tail: Array.from({ length: 400_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>1</v></c></row>`).join("") }),
      /^Слишком много строк: не больше 1000 мероприятий/,
    ],
    ["a sheet that unpacks to 300 MB", () => workbook({ body: "<row><c><v>1</v></c></row>", times: 12_000_000 }), /^Файл Excel в распакованном виде больше 40 МБ/],
    [
      "a giant shared-string table",
      () => workbook({ shared: Buffer.concat([Buffer.from(`<sst ${NS} count="1" uniqueCount="1"><si><t>`), Buffer.alloc(30 * 1024 * 1024, "a"), Buffer.from("</t></si></sst>")]) }),
      /^Таблица строк файла Excel больше 8 МБ/,
    ],
    ["a cell of a million characters", () => workbook({ tail: `<row r="2"><c r="B2" t="inlineStr"><is><t>${"x".repeat(1_000_000)}</t></is></c></row>` }), /^Строка 2: в ячейке больше 10.000 символов/],
    ["a sheet declared A1:XFD1048576 with its last column filled", () => workbook({ dimension: "A1:XFD1048576", tail: '<row r="2"><c r="XFD2"><v>1</v></c></row>' }), /^Строка 2: больше 60 столбцов/],
    [
      "a directory that understates the sheet's size",
      () => workbook({ body: "<row><c><v>1</v></c></row>", times: 8_000_000, declareSheet: 2048 }),
      /^Файл Excel искусственно раздут: части архива больше, чем указано/,
    ],
  ];

  for (const [what, build, message] of cases)
    it(`${what}: refused quickly with bounded memory and nothing written`, async () => {
      const before = await measures();
      const { r, ms, growthMb } = await attempt(build());
      expect(r.data.importRoadmap).toMatchObject({ __typename: "RoadmapImportError", code: "ROADMAP_IMPORT_INVALID", problems: [{ row: null, message: expect.stringMatching(message) }] });
      expect(ms).toBeLessThan(3000); // the issue measured ~9.5 s; here 0.1–1.5 s on a shared 2-core machine
      expect(growthMb).toBeLessThan(200);
      expect(await measures()).toBe(before);
      console.log(`[bomb] ${what}: ${Math.round(ms)} ms, RSS +${Math.round(growthMb)} MB`);
    });
});
