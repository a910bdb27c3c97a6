/** The currencies offered first in money fields. */
export const offeredCurrencies = ['KZT', 'RUB', 'USD', 'EUR'];
