/** How documents read in the UI: statuses, history events and their colours. */
export type DocumentStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED';
export type HistoryAction = 'UPLOADED' | 'SUBMITTED' | 'APPROVED' | 'RETURNED';
type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export const STATUS_TONE: Record<DocumentStatus, Tone> = {
	DRAFT: 'warning',
	SUBMITTED: 'info',
	APPROVED: 'success',
	RETURNED: 'danger'
};

/** The tone of a status; «не загружен» (null) is neutral. */
export const statusTone = (status: DocumentStatus | null | undefined): Tone => (status ? STATUS_TONE[status] : 'neutral');

/** The API's lower-case label as a badge reads it: «на доработке» → «На доработке». */
export const capitalize = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

export const HISTORY_LABEL: Record<HistoryAction, string> = {
	UPLOADED: 'Загружена версия',
	SUBMITTED: 'Отправлен на проверку',
	APPROVED: 'Принят',
	RETURNED: 'Возвращён на доработку'
};

export const HISTORY_TONE: Record<HistoryAction, Tone> = {
	UPLOADED: 'neutral',
	SUBMITTED: 'info',
	APPROVED: 'success',
	RETURNED: 'danger'
};

/** What the school should do next with a document in this state (for the documents list). */
export function nextStep(status: DocumentStatus | null | undefined, canUpload: boolean, canSubmit: boolean): string | null {
	if (!status) return canUpload ? 'Загрузите файл документа' : null;
	if (status === 'DRAFT') return canSubmit ? 'Отправьте на проверку куратору' : null;
	if (status === 'RETURNED') return canUpload ? 'Загрузите исправленную версию и отправьте снова' : null;
	if (status === 'SUBMITTED') return 'Ждёт решения куратора';
	return null;
}

/** What a file input accepts (the API judges the content; this only narrows the picker). */
export const ACCEPT = '.pdf,.doc,.docx,.odt,.xls,.xlsx,.ods,.rtf';
export const ACCEPT_HINT = 'PDF, DOC, DOCX, ODT, XLS, XLSX, ODS или RTF, до 25 МБ';
