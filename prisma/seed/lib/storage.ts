// Content-addressed file storage as the API reads it: `<storageDir>/<first 2 hex>/<sha256>`.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { plainPdf } from "../../../api/src/modules/pdf/layout.ts";

/** The same default as the API (api/src/config.ts): `MEDK_STORAGE_DIR`, else `<MEDK_DATA_DIR or .data>/files`. */
export const storageDir = (): string => resolve(process.env.MEDK_STORAGE_DIR ?? join(process.env.MEDK_DATA_DIR ?? ".data", "files"));

export const sha256Hex = (buf: Buffer): string => createHash("sha256").update(buf).digest("hex");

/** Writes `buf` once (re-runs find it by hash) and returns what a StoredFile row needs. */
export async function storeFile(buf: Buffer): Promise<{ sha256: string; size: number }> {
  const sha256 = sha256Hex(buf);
  const dir = join(storageDir(), sha256.slice(0, 2));
  const path = join(dir, sha256);
  if (!existsSync(path)) {
    await mkdir(dir, { recursive: true });
    // Write then rename, so a crash never leaves a truncated file under its final name.
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, buf);
    await rename(tmp, path);
  }
  return { sha256, size: buf.length };
}

/** Demo files carry one fixed date, so a re-seed makes the same bytes (and finds them stored). */
const DEMO_PDF_DATE = new Date(Date.UTC(2026, 0, 15, 9, 0, 0));
const demoPdfs = new Map<string, Promise<Buffer>>();

/**
 * A Russian demo document as a school would upload it: its title («Концепция развития МКОУ …») on the
 * page and in the metadata (which PDF viewers show as the window title), and a few paragraphs. Made
 * with the same PDF library and font as МЭДК's own PDFs; identical requests are made once per process.
 */
export function demoPdf(title: string, paragraphs: readonly string[], author = "МЭДК, демонстрационные данные"): Promise<Buffer> {
  const key = JSON.stringify([title, paragraphs, author]);
  let pdf = demoPdfs.get(key);
  if (!pdf) demoPdfs.set(key, (pdf = plainPdf({ title, author, paragraphs, createdAt: DEMO_PDF_DATE })));
  return pdf;
}

/**
 * A minimal valid one-page PDF showing `lines` (tests upload it as a small foreign file). The standard Helvetica font has no Cyrillic glyphs,
 * so the text is kept ASCII; the Russian title lives in the file's original name.
 */
export function minimalPdf(lines: readonly string[]): Buffer {
  const esc = (s: string) => s.replace(/[^\x20-\x7e]/g, "?").replace(/([\\()])/g, "\\$1");
  const text = lines.map((l, i) => `BT /F1 12 Tf 56 ${780 - i * 18} Td (${esc(l)}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(text, "latin1")} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
