// Helpers of the document tests: sample files of every accepted format (built here, byte by byte),
// a GraphQL multipart upload, and counting what an upload left behind.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import type { TestServer } from "../../testkit/server.ts";

// ---- sample files ----

/** A small valid PDF. */
export function pdf(text = "MEDK test document"): Buffer {
  const body = `BT /F1 12 Tf 56 780 Td (${text}) Tj ET`;
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** A stored (uncompressed) ZIP archive of `entries`, in order. */
export function zip(entries: [name: string, content: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
    const nameBuf = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const contentTypes = (main: string, part: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="${part}" ContentType="${main}"/></Types>`;

export const docx = () =>
  zip([
    ["[Content_Types].xml", contentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "/word/document.xml")],
    ["word/document.xml", `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`],
  ]);

export const xlsx = () =>
  zip([
    ["[Content_Types].xml", contentTypes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "/xl/workbook.xml")],
    ["xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`],
  ]);

export const odt = () =>
  zip([
    ["mimetype", "application/vnd.oasis.opendocument.text"],
    ["content.xml", "<office:document-content/>"],
  ]);
export const ods = () =>
  zip([
    ["mimetype", "application/vnd.oasis.opendocument.spreadsheet"],
    ["content.xml", "<office:document-content/>"],
  ]);
export const rtf = () => Buffer.from("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Концепция}", "latin1");

/** An OLE2 compound file whose directory names `stream` (WordDocument → .doc, Workbook → .xls). */
export function cfb(stream: string): Buffer {
  const b = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  Buffer.from(stream, "utf16le").copy(b, 1024);
  return b;
}
export const doc = () => cfb("WordDocument");
export const xls = () => cfb("Workbook");

// ---- multipart upload ----

export const UPLOAD = `mutation($input: UploadDocumentInput!) {
  uploadDocument(input: $input) {
    __typename
    ... on DomainError { code message }
    ... on MutationUploadDocumentSuccess { data { id status revision versions { id number fileName mediaType size downloadUrl } } }
  }
}`;

export interface Upload {
  status: number;
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Sends `uploadDocument` as a GraphQL multipart request. */
export async function upload(s: TestServer, token: string | null, input: Record<string, unknown>, file: { name: string; bytes: Buffer | Uint8Array; type?: string }): Promise<Upload> {
  const form = new FormData();
  form.set("operations", JSON.stringify({ query: UPLOAD, variables: { input: { ...input, file: null } } }));
  form.set("map", JSON.stringify({ "0": ["variables.input.file"] }));
  form.set("0", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
  const res = await fetch(`${s.url}/graphql`, {
    method: "POST",
    headers: { "x-graphql-yoga-csrf": "1", "x-forwarded-for": s.ip, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: form,
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: res.status, ...body };
}

/** The success payload of an upload, or a failure with what came back. */
export function uploaded(r: Upload) {
  const u = r.data?.uploadDocument;
  if (!u || u.__typename !== "MutationUploadDocumentSuccess") throw new Error(`upload failed: ${JSON.stringify(r)}`);
  return u.data;
}

// ---- what is left behind ----

/** Files under the storage directory (content files and temp files alike). */
export function storedFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Rows an upload writes: documents and versions of a participation, files and audit events of an uploader. */
export async function rowCounts(s: TestServer, participationId: string, uploaderId: string) {
  const [documents, versions, files, audits] = await Promise.all([
    s.db.document.count({ where: { participationId } }),
    s.db.documentVersion.count({ where: { document: { participationId } } }),
    s.db.storedFile.count({ where: { uploadedById: uploaderId } }),
    s.db.auditEvent.count({ where: { actorId: uploaderId, entityType: "Document" } }),
  ]);
  return { documents, versions, files, audits };
}
