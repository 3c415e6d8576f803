/** Participation statuses in words. */
export type ParticipationStatus = 'PARTICIPATING' | 'LEFT_LOW_RESULTS' | 'WITHDRAWN';

export const STATUS_LABEL: Record<ParticipationStatus, string> = {
	PARTICIPATING: 'Участвует',
	LEFT_LOW_RESULTS: 'Вышла из числа ШНОР',
	WITHDRAWN: 'Выбыла из проекта'
};

export const STATUS_TONE: Record<ParticipationStatus, 'info' | 'success' | 'neutral'> = {
	PARTICIPATING: 'info',
	LEFT_LOW_RESULTS: 'success',
	WITHDRAWN: 'neutral'
};
