// CSV cells that a spreadsheet cannot mistake for a formula. Excel, LibreOffice and Google Sheets run a
// cell that starts with = + - @ (and, through some import paths, a tab or carriage return) as a formula:
// a school name such as `=HYPERLINK("http://…")` would become a live link in a coordinator's export.
// Such text is prefixed with an apostrophe (OWASP's advice), which spreadsheets show as plain text.
// Numbers the export writes itself (a negative figure) are not text and are not touched.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text made inert for spreadsheets: a leading `'` when it starts with = + - @ tab or CR. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field of text: neutralised, then quoted when it holds the separator, a quote or a line break. */
export function csvTextField(text: string, separator = ";"): string {
  const s = neutraliseFormula(text);
  return s.includes(separator) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
