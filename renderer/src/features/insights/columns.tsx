import { Anchor } from '@mantine/core';
import { formatCompact } from '../../../../shared/i18n/format.ts';
import type { Language } from '../../../../shared/i18n/index.ts';
import { hrefOf } from '../../router/router.ts';
import type { FigureColumn } from './FigureTable.ts';

/**
 * A number column read from one field of the row, shown through `show` (money, a percentage, days…) when
 * given; a missing value shows as a dash and exports as empty.
 */
export function numberColumn<Row extends Record<K, number | null>, K extends string>(
  key: K,
  header: string,
  show?: (value: number) => string,
): FigureColumn<Row> {
  return {
    key,
    header,
    kind: 'number',
    value: (row) => row[key],
    ...(show ? { render: (row: Row) => (row[key] === null ? '—' : show(row[key])) } : {}),
  };
}

/** The client's name, a link to its page. */
export function clientColumn<Row extends { clientId: string; name: string }>(
  header: string,
): FigureColumn<Row> {
  return {
    key: 'name',
    header,
    kind: 'text',
    value: (row) => row.name,
    render: (row) => <Anchor href={hrefOf('client', row.clientId)}>{row.name}</Anchor>,
  };
}

/** Axis ticks of amounts, short: "1.5M", "1,5 млн". */
export function compactNumber(language: Language): (value: number) => string {
  return (value) => formatCompact(value, language);
}
