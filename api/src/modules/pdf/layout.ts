// The one way МЭДК draws a PDF: pdfkit with PT Sans (ParaType's font for Russian, shipped in the npm
// package @expo-google-fonts/pt-sans) embedded as a subset, A4, and a stamp on every page — the school,
// the title, the version, the status and the date — so a printed page torn from the rest still says
// what it is and when it was true.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);

let fonts: { regular: fontkit.Font; bold: fontkit.Font } | null = null;
/**
 * The fonts, read and parsed once per process: pdfkit takes a parsed font as well as a file, and parsing
 * the two TrueType files for every document was most of a document's time (approvals render inside
 * their transaction). Each document still embeds its own subset.
 */
function fontFiles() {
  if (!fonts) {
    const dir = dirname(require.resolve("@expo-google-fonts/pt-sans/package.json"));
    const parse = (file: string) => fontkit.create(readFileSync(join(dir, file))) as fontkit.Font;
    fonts = { regular: parse("400Regular/PTSans_400Regular.ttf"), bold: parse("700Bold/PTSans_700Bold.ttf") };
  }
  return fonts;
}

/** What every page carries. */
export interface PageStamp {
  /** The school (or municipality) the document is about: the first line of every page. */
  owner: string;
  /** «Дорожная карта», «Рисковый профиль», «Справка о школе». */
  title: string;
  /** «Редакция 2». */
  version: string;
  /** «принята». */
  status: string;
  /** The day it was made, «07.12.2026», in the owner's region's time. */
  date: string;
}

export interface PdfOptions {
  /** Printed on every page; a document without one (a demo upload) has plain pages. */
  stamp?: PageStamp;
  /** The document title readers show instead of the file name. */
  documentTitle: string;
  landscape?: boolean;
  /** The author in the metadata when there is no stamp. */
  author?: string;
  /** When it was made (the metadata's creation date). */
  createdAt: Date;
}

export type Doc = PDFKit.PDFDocument;

const MARGIN = { top: 78, bottom: 52, left: 48, right: 48 };
const PLAIN_MARGIN = { top: 56, bottom: 56, left: 56, right: 56 };
export const COLOR = { text: "#1b1f24", muted: "#59636e", line: "#c9d1d9", band: "#eef2f6" } as const;

/**
 * Draws a document with `draw` and returns its bytes. The stamp is written on every page after the
 * content, so it knows the page count («стр. 2 из 3»).
 */
export async function renderPdf(opts: PdfOptions, draw: (doc: Doc) => void | Promise<void>): Promise<Buffer> {
  const f = fontFiles();
  const doc = new PDFDocument({
    size: "A4",
    layout: opts.landscape ? "landscape" : "portrait",
    margins: opts.stamp ? MARGIN : PLAIN_MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    displayTitle: true,
    lang: "ru-RU",
    info: {
      Title: opts.documentTitle,
      Author: opts.stamp?.owner ?? opts.author ?? "МЭДК",
      Creator: "МЭДК",
      Producer: "МЭДК",
      CreationDate: opts.createdAt,
      ModDate: opts.createdAt,
    },
  });
  // pdfkit's types know only file sources; at run time it takes a parsed fontkit font too (PDFFontFactory.open).
  doc.registerFont("regular", f.regular as unknown as Buffer);
  doc.registerFont("bold", f.bold as unknown as Buffer);
  doc.font("regular").fontSize(10).fillColor(COLOR.text);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  await draw(doc);
  if (opts.stamp) stampPages(doc, opts.stamp);
  doc.end();
  return done;
}

function stampPages(doc: Doc, s: PageStamp) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const w = width - MARGIN.left - MARGIN.right;
    // Writing outside the margins would start a new page: lift them while stamping.
    const saved = { ...doc.page.margins };
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.font("bold").fontSize(11).fillColor(COLOR.text).text(s.owner, MARGIN.left, 24, { width: w, lineBreak: false, ellipsis: true });
    doc.font("regular").fontSize(9).fillColor(COLOR.muted).text(`${s.title} · ${s.version} · Статус: ${s.status} · на ${s.date}`, MARGIN.left, 41, { width: w, lineBreak: false, ellipsis: true });
    doc
      .moveTo(MARGIN.left, 58)
      .lineTo(width - MARGIN.right, 58)
      .lineWidth(0.5)
      .strokeColor(COLOR.line)
      .stroke();
    doc
      .moveTo(MARGIN.left, height - 40)
      .lineTo(width - MARGIN.right, height - 40)
      .stroke();
    doc
      .fontSize(8)
      .fillColor(COLOR.muted)
      .text(`МЭДК · ${s.title} · ${s.version} · ${s.status} · сформировано ${s.date}`, MARGIN.left, height - 34, { width: w - 80, lineBreak: false, ellipsis: true })
      .text(`стр. ${i - range.start + 1} из ${range.count}`, width - MARGIN.right - 80, height - 34, { width: 80, align: "right", lineBreak: false });
    doc.page.margins = saved;
  }
  doc.fillColor(COLOR.text);
}

// ---------------------------------------------------------------- building blocks

/** The page's content width. */
export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomOf = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page when fewer than `space` points are left. */
export function ensureSpace(doc: Doc, space: number) {
  if (doc.y + space > bottomOf(doc)) doc.addPage();
}

export function heading(doc: Doc, text: string, size = 15) {
  ensureSpace(doc, size * 3);
  doc
    .font("bold")
    .fontSize(size)
    .fillColor(COLOR.text)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.4);
  doc.font("regular").fontSize(10);
}

export function paragraph(doc: Doc, text: string, opts: { muted?: boolean; size?: number } = {}) {
  doc
    .font("regular")
    .fontSize(opts.size ?? 10)
    .fillColor(opts.muted ? COLOR.muted : COLOR.text)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.fillColor(COLOR.text);
  doc.moveDown(0.3);
}

/** «Подпись: значение» rows, the label column fixed. */
export function facts(doc: Doc, rows: readonly (readonly [string, string])[], labelWidth = 170) {
  const x = doc.page.margins.left;
  const w = contentWidth(doc) - labelWidth - 8;
  for (const [label, value] of rows) {
    doc.font("regular").fontSize(10);
    const h = Math.max(doc.heightOfString(label, { width: labelWidth }), doc.heightOfString(value || "—", { width: w }));
    ensureSpace(doc, h + 4);
    const y = doc.y;
    doc.fillColor(COLOR.muted).text(label, x, y, { width: labelWidth });
    doc.fillColor(COLOR.text).text(value || "—", x + labelWidth + 8, y, { width: w });
    doc.y = y + h + 4;
  }
  doc.x = x;
}

export interface Column {
  title: string;
  /** Share of the content width. */
  width: number;
  align?: "left" | "right" | "center";
}

/**
 * A table that breaks across pages, repeating its header; each row is as tall as its tallest cell.
 * `rows` cells are plain text (newlines allowed).
 */
export function table(doc: Doc, columns: readonly Column[], rows: readonly (readonly string[])[], opts: { size?: number } = {}) {
  const size = opts.size ?? 9;
  const x0 = doc.page.margins.left;
  const total = contentWidth(doc);
  const share = columns.reduce((a, c) => a + c.width, 0);
  const widths = columns.map((c) => (c.width / share) * total);
  const pad = 4;
  const heightOf = (cells: readonly string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || "—", { width: widths[i]! - pad * 2 }))) + pad * 2;
  };
  const drawRow = (cells: readonly string[], font: string, band: boolean) => {
    const h = heightOf(cells, font);
    const y = doc.y;
    if (band) doc.rect(x0, y, total, h).fill(COLOR.band);
    let x = x0;
    doc.font(font).fontSize(size).fillColor(COLOR.text);
    cells.forEach((c, i) => {
      doc.text(c || "—", x + pad, y + pad, { width: widths[i]! - pad * 2, align: columns[i]!.align ?? "left" });
      x += widths[i]!;
    });
    doc
      .moveTo(x0, y + h)
      .lineTo(x0 + total, y + h)
      .lineWidth(0.5)
      .strokeColor(COLOR.line)
      .stroke();
    doc.y = y + h;
  };
  const header = columns.map((c) => c.title);
  ensureSpace(doc, heightOf(header, "bold") + 24);
  drawRow(header, "bold", true);
  for (const row of rows) {
    if (doc.y + heightOf(row, "regular") > bottomOf(doc)) {
      doc.addPage();
      drawRow(header, "bold", true);
    }
    drawRow(row, "regular", false);
  }
  doc.x = x0;
  doc.moveDown(0.6);
}

// ---------------------------------------------------------------- dates

/** «07.12.2026» in a time zone. */
export const dayLabel = (at: Date, timeZone: string) => new Intl.DateTimeFormat("ru-RU", { timeZone, day: "2-digit", month: "2-digit", year: "numeric" }).format(at);

/** «07.12.2026, 14:05» in a time zone. */
export const momentLabel = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("ru-RU", { timeZone, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(at);

/** A `@db.Date` column (UTC midnight) as «07.12.2026». */
export const dateOnly = (d: Date | null | undefined) => (d ? dayLabel(d, "UTC") : "");

/**
 * A plain document: a title and paragraphs, in Russian, with the title in the metadata so a PDF viewer
 * shows it. The demo world's uploads are made with it.
 */
export function plainPdf(d: { title: string; author: string; paragraphs: readonly string[]; createdAt: Date }): Promise<Buffer> {
  return renderPdf({ documentTitle: d.title, author: d.author, createdAt: d.createdAt }, (doc) => {
    heading(doc, d.title, 16);
    for (const p of d.paragraphs) paragraph(doc, p, { size: 11 });
  });
}
