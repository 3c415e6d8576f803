// Shape rules of document inputs (zod) and the pure rules about uploaded files: which formats are
// accepted, how a file name is made safe, how a Content-Disposition header is written.
import { z } from "zod";
import type { DocumentKind, DocumentStatus } from "../../../../prisma/generated/client/enums.ts";

export const COMMENT_MAX = 5000;

/** A return comment: required, 1–5,000 characters after trimming. */
export const returnComment = z
  .string()
  .trim()
  .min(1, "Укажите, что нужно доработать: комментарий обязателен")
  .max(COMMENT_MAX, `Комментарий не длиннее ${COMMENT_MAX} символов`);

/** An approval comment: optional, at most 5,000 characters. */
export const approveComment = z.string().trim().max(COMMENT_MAX, `Комментарий не длиннее ${COMMENT_MAX} символов`);

/** A note to an uploaded version («что изменено»). */
export const versionNote = z.string().trim().max(2000, "Примечание не длиннее 2000 символов");

/** Names of documents as users know them. */
export const KIND_TITLE: Record<DocumentKind, string> = {
  CONCEPT: "Концепция развития",
  MEDIUM_TERM_PROGRAMME: "Среднесрочная программа развития",
  ANTI_RISK_PROGRAMME: "Программа антирисковых мер",
  ROADMAP_ATTACHMENT: "Приложение к дорожной карте",
};

export const STATUS_LABEL: Record<DocumentStatus, string> = {
  DRAFT: "черновик",
  SUBMITTED: "на проверке",
  APPROVED: "принят",
  RETURNED: "на доработке",
};
export const NOT_UPLOADED_LABEL = "не загружен";

/** «Программа антирисковых мер «Дефицит педагогических кадров»». */
export const documentTitle = (kind: DocumentKind, riskFactorTitle?: string | null) =>
  riskFactorTitle ? `${KIND_TITLE[kind]} «${riskFactorTitle}»` : KIND_TITLE[kind];

// ---- accepted formats, judged by content ----

export interface AcceptedFormat {
  /** What users call it. */
  label: string;
  mediaType: string;
  /** File name extensions that may carry this content (the first is the canonical one). */
  extensions: string[];
}

export const ACCEPTED_FORMATS: Record<string, AcceptedFormat> = {
  pdf: { label: "PDF", mediaType: "application/pdf", extensions: ["pdf"] },
  doc: { label: "DOC", mediaType: "application/msword", extensions: ["doc"] },
  docx: { label: "DOCX", mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"] },
  odt: { label: "ODT", mediaType: "application/vnd.oasis.opendocument.text", extensions: ["odt"] },
  xls: { label: "XLS", mediaType: "application/vnd.ms-excel", extensions: ["xls"] },
  xlsx: { label: "XLSX", mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] },
  ods: { label: "ODS", mediaType: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"] },
  rtf: { label: "RTF", mediaType: "application/rtf", extensions: ["rtf"] },
};

export const ACCEPTED_LIST = "PDF, DOC, DOCX, ODT, XLS, XLSX, ODS, RTF";

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const utf16 = (s: string) => Buffer.from(s, "utf16le");
const WORD_STREAM = utf16("WordDocument");
const EXCEL_STREAMS = [utf16("Workbook"), utf16("Book")];

/**
 * Which accepted format an OLE2 compound file (the container of .doc and .xls) holds: its directory
 * names the main stream («WordDocument» or «Workbook»/«Book») in UTF-16. Null for anything else in
 * such a container (PowerPoint, Outlook messages, installers).
 */
export function compoundFileFormat(bytes: Uint8Array): "doc" | "xls" | null {
  if (bytes.length < 512 || !CFB_SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.includes(WORD_STREAM)) return "doc";
  if (EXCEL_STREAMS.some((s) => buf.includes(s))) return "xls";
  return null;
}

/** The extension of a file name, lower-case and without the dot ("" when there is none). */
export const extensionOf = (name: string) => {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1]!.toLowerCase() : "";
};

const NAME_MAX = 180;

/**
 * Makes an uploaded file's name safe to keep and to send back: only the last path segment (both
 * slash kinds), no control or bidi-override characters, none of the characters Windows forbids, no
 * leading dots, at most 180 characters with the extension kept. Cyrillic stays as it is (NFC).
 * Never empty: an unusable name becomes «документ».
 */
export function sanitizeFileName(raw: string): string {
  let name = (raw ?? "").normalize("NFC");
  name = name.split(/[\\/]/).pop() ?? "";
  name = name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (name.length > NAME_MAX) {
    const ext = extensionOf(name);
    const keep = ext ? NAME_MAX - ext.length - 1 : NAME_MAX;
    name = ext ? `${name.slice(0, keep).trimEnd()}.${ext}` : name.slice(0, keep).trimEnd();
  }
  return name || "документ";
}

const TRANSLIT: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "yo", ж: "zh", з: "z", и: "i", й: "y", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch",
  ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya", "«": "", "»": "", "—": "-", "–": "-", "№": "N",
};

/** Cyrillic in Latin letters, for the ASCII fallback name of old clients («Концепция» → «Kontseptsiya»). */
function transliterate(s: string): string {
  return [...s]
    .map((c) => {
      const lower = c.toLowerCase();
      const t = TRANSLIT[lower];
      if (t === undefined) return c;
      return c !== lower && t ? t[0]!.toUpperCase() + t.slice(1) : t;
    })
    .join("");
}

/**
 * `Content-Disposition` for a stored file: an ASCII fallback for old clients and the exact UTF-8 name
 * (RFC 6266 / 5987), so «Концепция развития.pdf» arrives with its Cyrillic name.
 */
export function contentDisposition(name: string, inline: boolean): string {
  const safe = sanitizeFileName(name);
  const ext = extensionOf(safe);
  let ascii = transliterate(safe)
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\%;]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!ascii || ascii === `.${ext}` || ascii.replace(/[.\s_-]/g, "") === ext) ascii = ext ? `document.${ext}` : "document";
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
