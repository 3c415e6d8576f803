// Helpers of the registry tests: valid ИНН/ОГРН, files as a ministry sends them (.csv in UTF-8 or
// Windows-1251, .xlsx), and the preview/apply calls over real multipart HTTP.
import ExcelJS from "exceljs";
import { innWithCheck, ogrnWithCheck } from "../../../api/src/modules/registry/checksums.ts";
import type { TestServer } from "../../testkit/server.ts";
import { uploadGql } from "../roadmap/helpers.ts";

let counter = Math.floor(Math.random() * 1e6);
/** A fresh valid ИНН (unique within a run). */
export const freshInn = () =>
  innWithCheck(
    String(700_000_000 + (counter++ % 99_999_999))
      .padStart(9, "0")
      .slice(-9),
  );
export const freshOgrn = () => ogrnWithCheck(`10275${String(counter++).padStart(7, "0").slice(-7)}`);
/** The same ИНН with a wrong check digit. */
export const badInn = (inn: string) => inn.slice(0, 9) + String((Number(inn[9]) + 1) % 10);

/** Windows-1251 bytes of Cyrillic text (what Excel's «CSV (разделители — запятые)» writes in Russia). */
export function cp1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else if (c >= 0x410 && c <= 0x44f) out[i] = c - 0x410 + 0xc0;
    else if (c === 0x401) out[i] = 0xa8;
    else if (c === 0x451) out[i] = 0xb8;
    else if (c === 0xab) out[i] = 0xab;
    else if (c === 0xbb) out[i] = 0xbb;
    else if (c === 0x2116) out[i] = 0xb9;
    else out[i] = 0x3f;
  }
  return out;
}

export const csv = (rows: string[][], sep = ";") => rows.map((r) => r.map((c) => (/[;,"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join("\r\n") + "\r\n";

export async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Реестр");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export const SCHOOL_HEADER = ["Муниципальное образование", "Полное наименование", "Краткое наименование", "ИНН", "ОГРН", "Адрес", "Школа кураторов"];

const IMPORT = `id kind newCount changedCount unchangedCount rejectedCount decree appliedAt
  rows(limit: 500) { rowNumber outcome label changes problems { column message } data }`;
export const PREVIEW = `mutation($input: PreviewRegistryImportInput!) { previewRegistryImport(input: $input) {
  __typename ... on Error { code message } ... on MutationPreviewRegistryImportSuccess { data { ${IMPORT} } } } }`;
export const APPLY = `mutation($id: ID!) { applyRegistryImport(id: $id) {
  __typename ... on Error { code message } ... on MutationApplyRegistryImportSuccess { data { import { ${IMPORT} } invitations { email fullName role schoolName invitationPath } } } } }`;

export interface Preview {
  status: number;
  typename?: string;
  code?: string;
  message?: string;
  errors?: { message: string; extensions?: { code?: string } }[];
  data?: any;
}

/** Uploads `bytes` as `name` for a preview of `input.kind`. */
export async function preview(s: TestServer, token: string, input: Record<string, unknown>, name: string, bytes: Uint8Array): Promise<Preview> {
  const r = await uploadGql(s, token, PREVIEW, { input: { ...input, file: null } }, "input.file", { name, bytes });
  const p = r.data?.previewRegistryImport;
  return { status: r.status, typename: p?.__typename, code: p?.code ?? r.errors?.[0]?.extensions?.code, message: p?.message ?? r.errors?.[0]?.message, errors: r.errors, data: p?.data };
}

export async function apply(s: TestServer, token: string, id: string) {
  const r = await s.gql(APPLY, { id }, { token });
  const p = r.data?.applyRegistryImport;
  return { typename: p?.__typename, code: p?.code ?? r.errors?.[0]?.extensions?.code, message: p?.message ?? r.errors?.[0]?.message, data: p?.data };
}
