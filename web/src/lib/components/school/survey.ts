/** Words for the questionnaires and significance rules (the survey import, the rules editor, the profile). */

export type RespondentGroup = 'LEADERS' | 'TEACHERS' | 'STUDENTS' | 'PARENTS';
export type Combination = 'MEAN' | 'MAX' | 'MIN';

export const GROUP_ORDER: RespondentGroup[] = ['LEADERS', 'TEACHERS', 'STUDENTS', 'PARENTS'];

export const GROUP_TITLE: Record<RespondentGroup, string> = {
	LEADERS: 'руководители',
	TEACHERS: 'учителя',
	STUDENTS: 'обучающиеся',
	PARENTS: 'родители'
};

/** The code prefix of each questionnaire (РУК-11 is question 11 of the leaders' questionnaire). */
export const GROUP_PREFIX: Record<RespondentGroup, string> = {
	LEADERS: 'РУК',
	TEACHERS: 'УЧ',
	STUDENTS: 'ОБУЧ',
	PARENTS: 'РОД'
};

export const COMBINATION_TITLE: Record<Combination, string> = {
	MEAN: 'среднее',
	MAX: 'наибольшее',
	MIN: 'наименьшее'
};

/** A share as people read it: 0.625 → «62,5 %». */
export const percent = (v: number) => `${String(Math.round(v * 1000) / 10).replace('.', ',')} %`;
