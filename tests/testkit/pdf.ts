// The text of a PDF, page by page, as a reader would copy it: extracted with Mozilla's pdf.js
// (pdfjs-dist), so a test checks what is really in the file, not what the generator meant to write.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** Each page's text, its pieces joined and whitespace collapsed. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(
        content.items
          .map((x) => ("str" in x ? x.str + (x.hasEOL ? " " : "") : ""))
          .join("")
          .replace(/\s+/g, " "),
      );
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The document title a PDF viewer shows (the Info dictionary's Title). */
export async function pdfTitle(bytes: Uint8Array): Promise<string | undefined> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  try {
    const meta = await doc.getMetadata();
    return (meta.info as { Title?: string }).Title;
  } finally {
    await doc.destroy();
  }
}
