/**
 * The report builder's vocabulary: the reports, their groupings and the figures each report has — with the
 * Russian column names the API's exports use, how to show the value, and which figures a new report starts
 * with. A figure's key is its path in the report row (`documents.owed`); its sort value is the same path in
 * the API's order enum (`DOCUMENTS_OWED`).
 */
export type ReportKind = 'MONITORING' | 'DOCUMENTS' | 'MEASURES' | 'RISKS';
export type Grouping = 'ALL' | 'REGION' | 'MUNICIPALITY' | 'SCHOOL' | 'CURATOR';
export type FigureFormat = 'int' | 'share' | 'days' | 'datetime';

export interface FigureDef {
	key: string;
	label: string;
	format: FigureFormat;
	/** Shown when the report is first opened. */
	initial?: boolean;
}

export const REPORT_KINDS: { value: ReportKind; label: string; hint: string }[] = [
	{ value: 'MONITORING', label: 'Мониторинг', hint: 'участники, документы, дорожные карты и активность вместе' },
	{ value: 'DOCUMENTS', label: 'Концептуальные документы', hint: 'положено, сдано, принято, просрочено, скорость проверки' },
	{ value: 'MEASURES', label: 'Дорожные карты', hint: 'мероприятия, выполнение в срок, просрочки, показатели' },
	{ value: 'RISKS', label: 'Факторы риска', hint: 'значимость факторов в профилях и выбор для работы' }
];

export const GROUPINGS: { value: Grouping; label: string }[] = [
	{ value: 'REGION', label: 'По субъектам РФ' },
	{ value: 'MUNICIPALITY', label: 'По муниципалитетам' },
	{ value: 'SCHOOL', label: 'По школам' },
	{ value: 'CURATOR', label: 'По кураторам' },
	{ value: 'ALL', label: 'Итого одной строкой' }
];

const f = (key: string, label: string, format: FigureFormat = 'int', initial = false): FigureDef => ({
	key,
	label,
	format,
	initial
});

export const FIGURES: Record<ReportKind, FigureDef[]> = {
	MONITORING: [
		f('participants', 'Школ-участников', 'int', true),
		f('withCurator', 'С куратором', 'int', true),
		f('profilesVerified', 'Профилей верифицировано', 'int', true),
		f('leftLowResults', 'Вышли из списка ШНОР'),
		f('inactive', 'Без активности 30 дней'),
		f('documents.owed', 'Документов положено'),
		f('documents.approved', 'Документов принято', 'int', true),
		f('documents.awaitingReview', 'Документов на проверке'),
		f('documents.returned', 'Документов на доработке'),
		f('documents.overdue', 'Документов просрочено', 'int', true),
		f('documents.approvedShare', 'Доля принятых документов', 'share', true),
		f('documents.medianDaysToDecision', 'Медиана дней до решения', 'days'),
		f('measures.measures', 'Мероприятий'),
		f('measures.done', 'Мероприятий выполнено'),
		f('measures.overdue', 'Мероприятий просрочено', 'int', true),
		f('measures.progress', 'Прогресс дорожных карт', 'share', true),
		f('measures.roadmapsApproved', 'Дорожных карт принято'),
		f('measures.roadmapsAwaitingReview', 'Дорожных карт на проверке'),
		f('measures.roadmapsOverdue', 'Дорожных карт просрочено'),
		f('measures.indicatorAttainment', 'Достижение показателей', 'share'),
		// The consultation line: per region or municipality only («—» in other groupings).
		f('consultation.asked', 'Вопросов задано'),
		f('consultation.answered', 'Вопросов отвечено'),
		f('consultation.medianDaysToAnswer', 'Медиана дней до ответа', 'days'),
		f('consultation.unansweredOverdue', 'Вопросов без ответа дольше срока'),
		f('lastActivityAt', 'Последняя активность', 'datetime')
	],
	DOCUMENTS: [
		f('participants', 'Школ-участников', 'int', true),
		f('owed', 'Документов положено', 'int', true),
		f('missing', 'Не загружено', 'int', true),
		f('draft', 'Черновики'),
		f('submitted', 'Сдано'),
		f('awaitingReview', 'На проверке', 'int', true),
		f('approved', 'Принято', 'int', true),
		f('returned', 'На доработке', 'int', true),
		f('overdue', 'Просрочено', 'int', true),
		f('approvedShare', 'Доля принятых', 'share', true),
		f('decisions', 'Решений'),
		f('returns', 'Возвратов'),
		f('medianDaysToDecision', 'Медиана дней до решения', 'days')
	],
	MEASURES: [
		f('participants', 'Школ-участников', 'int', true),
		f('schoolsWithRoadmap', 'Школ с мероприятиями'),
		f('measures', 'Мероприятий', 'int', true),
		f('planned', 'Запланировано'),
		f('inProgress', 'Выполняется'),
		f('done', 'Выполнено', 'int', true),
		f('doneConfirmed', 'Подтверждено куратором'),
		f('doneAwaitingConfirmation', 'Ждёт подтверждения'),
		f('cancelled', 'Отменено'),
		f('dueSoFar', 'Наступил срок', 'int', true),
		f('doneOnTime', 'Выполнено в срок', 'int', true),
		f('overdue', 'Просрочено', 'int', true),
		f('progress', 'Прогресс дорожных карт', 'share', true),
		f('withIndicator', 'С показателем'),
		f('indicatorsAttained', 'Показатель достигнут'),
		f('indicatorAttainment', 'Достижение показателей', 'share'),
		f('roadmapsSubmitted', 'Дорожных карт сдано'),
		f('roadmapsAwaitingReview', 'Дорожных карт на проверке'),
		f('roadmapsApproved', 'Дорожных карт принято', 'int', true),
		f('roadmapsReturned', 'Дорожных карт на доработке'),
		f('roadmapsOverdue', 'Дорожных карт просрочено', 'int', true)
	],
	RISKS: [
		f('profiles', 'Школ с рисковым профилем', 'int', true),
		f('schools', 'Фактор в профиле'),
		f('high', 'Значимость высокая', 'int', true),
		f('medium', 'Значимость средняя', 'int', true),
		f('low', 'Значимость низкая', 'int', true),
		f('chosen', 'Выбран для работы', 'int', true),
		f('chosenShare', 'Доля выбравших', 'share', true),
		f('highShare', 'Доля высокой значимости', 'share')
	]
};

/** `documents.medianDaysToDecision` → `DOCUMENTS_MEDIAN_DAYS_TO_DECISION`: the figure's order value. */
export const orderValue = (key: string): string =>
	key
		.replace('.', '_')
		.replace(/([a-z])([A-Z])/g, '$1_$2')
		.toUpperCase();

export const PARTICIPATION_STATUSES = [
	{ value: 'PARTICIPATING', label: 'Участвует' },
	{ value: 'LEFT_LOW_RESULTS', label: 'Вышла из списка ШНОР' },
	{ value: 'WITHDRAWN', label: 'Выбыла из проекта' }
] as const;
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number]['value'];
