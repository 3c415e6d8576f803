/** How measures read in the UI. */
export type MeasureStatus = 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

export const MEASURE_STATUS_LABEL: Record<MeasureStatus, string> = {
	PLANNED: 'Запланировано',
	IN_PROGRESS: 'Выполняется',
	DONE: 'Выполнено',
	CANCELLED: 'Отменено'
};

export const MEASURE_STATUS_TONE: Record<MeasureStatus, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
	PLANNED: 'neutral',
	IN_PROGRESS: 'info',
	DONE: 'success',
	CANCELLED: 'neutral'
};

/** Audit action codes of a measure's history, in words. */
export const CHANGE_LABEL: Record<string, string> = {
	'measure.create': 'Добавлено',
	'measure.update': 'Изменён план',
	'measure.report': 'Отчёт о выполнении',
	'measure.cancel': 'Отменено',
	'measure.comment': 'Комментарий',
	'measure.evidence': 'Приложено подтверждение',
	'measure.import': 'Импортировано из Excel',
	'measure.confirm': 'Выполнение подтверждено',
	'measure.return': 'Возвращено на доработку',
	'roadmap.reorder': 'Изменён порядок',
	'roadmap.import': 'Импорт из Excel'
};

/** The curator's verification of a measure reported done. */
export type MeasureVerification = 'PENDING' | 'CONFIRMED' | 'RETURNED';
export const VERIFICATION_LABEL: Record<MeasureVerification, string> = {
	PENDING: 'Ожидает подтверждения',
	CONFIRMED: 'Подтверждено',
	RETURNED: 'Возвращено на доработку'
};
export const VERIFICATION_TONE: Record<MeasureVerification, 'warning' | 'success' | 'danger'> = {
	PENDING: 'warning',
	CONFIRMED: 'success',
	RETURNED: 'danger'
};
