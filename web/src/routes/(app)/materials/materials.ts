/** Labels of the materials bank. */
export const KIND_OPTIONS = [
	{ value: 'METHODICAL', label: 'Методика' },
	{ value: 'TEMPLATE', label: 'Шаблон' },
	{ value: 'NORMATIVE', label: 'Нормативный акт' },
	{ value: 'WEBINAR_RECORDING', label: 'Запись вебинара' },
	{ value: 'PRESENTATION', label: 'Презентация' },
	{ value: 'OTHER', label: 'Другое' }
] as const;
