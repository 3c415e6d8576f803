// Which uploaded files are kept: not empty, within the size limit, one of the accepted formats judged
// by the bytes (not the name), with a name whose extension tells the truth.
import { fileTypeFromBuffer } from "file-type";
import { config } from "../../config.ts";
import { fail } from "../../errors.ts";
import { extensionOf, sanitizeFileName } from "./names.ts";

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

/** «25 МБ», «0.5 МБ»: a byte count as users read it. */
export const formatMb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} МБ`;

/** The refusal of a file over the upload limit. */
export const fileTooLarge = (maxBytes = config.uploadMaxBytes) => fail("FILE_TOO_LARGE", `Файл больше допустимых ${formatMb(maxBytes)}`);

export interface JudgedFile {
  name: string;
  format: AcceptedFormat;
}

/**
 * Decides whether an uploaded file may be kept: not empty, within the size limit, one of the accepted
 * formats judged by its bytes (not its name), and a name whose extension tells the truth.
 */
export async function judgeFile(originalName: string, bytes: Uint8Array, maxBytes = config.uploadMaxBytes): Promise<JudgedFile> {
  if (bytes.length === 0) throw fail("FILE_EMPTY", "Файл пустой: выберите файл с содержимым");
  if (bytes.length > maxBytes) throw fileTooLarge(maxBytes);
  let name = sanitizeFileName(originalName);
  const detected = await fileTypeFromBuffer(bytes).catch(() => undefined);
  let key: string | null = detected && detected.ext in ACCEPTED_FORMATS ? detected.ext : null;
  if (detected?.ext === "cfb") key = compoundFileFormat(bytes);
  const format = key ? ACCEPTED_FORMATS[key]! : null;
  if (!format) throw fail("FILE_TYPE_NOT_ALLOWED", `Недопустимый формат файла. Принимаются только ${ACCEPTED_LIST}`);
  const ext = extensionOf(name);
  if (!ext) name = `${name}.${format.extensions[0]}`;
  else if (!format.extensions.includes(ext))
    throw fail("FILE_EXTENSION_MISMATCH", `Расширение «.${ext}» не соответствует содержимому файла (${format.label}). Сохраните файл с правильным расширением`);
  return { name, format };
}
