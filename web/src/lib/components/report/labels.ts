/** Report words: document kinds and states at the level of one owed document, participation statuses. */
export type DocumentKind = 'CONCEPT' | 'MEDIUM_TERM_PROGRAMME' | 'ANTI_RISK_PROGRAMME' | 'ROADMAP_ATTACHMENT';
export type ItemState = 'MISSING' | 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED';

export const KIND_LABEL: Record<DocumentKind, string> = {
	CONCEPT: 'Концепция развития',
	MEDIUM_TERM_PROGRAMME: 'Среднесрочная программа развития',
	ANTI_RISK_PROGRAMME: 'Программа антирисковых мер',
	ROADMAP_ATTACHMENT: 'Приложение к дорожной карте'
};

/** «Программа антирисковых мер (фактор 3)». */
export const kindLabel = (kind: DocumentKind, factor: number | null | undefined): string =>
	factor != null && kind === 'ANTI_RISK_PROGRAMME' ? `${KIND_LABEL[kind]} (фактор ${factor})` : KIND_LABEL[kind];

export const STATE_LABEL: Record<ItemState, string> = {
	MISSING: 'Не загружен',
	DRAFT: 'Черновик',
	SUBMITTED: 'На проверке',
	APPROVED: 'Принят',
	RETURNED: 'На доработке'
};

export const STATE_TONE: Record<ItemState, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
	MISSING: 'neutral',
	DRAFT: 'warning',
	SUBMITTED: 'info',
	APPROVED: 'success',
	RETURNED: 'danger'
};
