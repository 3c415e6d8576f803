/** Risk profile words: significance levels and the three confirming parties. */
export type Significance = 'HIGH' | 'MEDIUM' | 'LOW';
export type Party = 'SCHOOL' | 'CURATOR' | 'MUNICIPALITY';

export const SIGNIFICANCE_LABEL: Record<Significance, string> = {
	HIGH: 'Высокая',
	MEDIUM: 'Средняя',
	LOW: 'Низкая'
};

export const SIGNIFICANCE_TONE: Record<Significance, 'danger' | 'warning' | 'neutral'> = {
	HIGH: 'danger',
	MEDIUM: 'warning',
	LOW: 'neutral'
};

export const PARTY_LABEL: Record<Party, string> = {
	SCHOOL: 'Школа',
	CURATOR: 'Куратор',
	MUNICIPALITY: 'Муниципальный координатор'
};

/** «Подтвердить как школа» — the party in the instrumental case. */
export const PARTY_AS: Record<Party, string> = {
	SCHOOL: 'школа',
	CURATOR: 'куратор',
	MUNICIPALITY: 'муниципальный координатор'
};

export const PARTIES: Party[] = ['SCHOOL', 'CURATOR', 'MUNICIPALITY'];

export const PROFILE_CHANGE_LABEL: Record<string, string> = {
	'riskProfile.load': 'Профиль загружен',
	'riskProfile.confirm': 'Подтверждение',
	'riskProfile.confirmed': 'Подтверждение',
	'riskProfile.verify': 'Профиль верифицирован',
	'riskProfile.choose': 'Выбор рисков',
	'riskProfile.significance': 'Изменена значимость',
	'riskProfile.reload': 'Профиль загружен заново',
	'riskProfile.compute': 'Рассчитан по анкетированию',
	'riskProfile.recompute': 'Пересчитан: изменилась значимость, подтверждения сняты'
};
