import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EntityName } from '../../../../shared/domain/entities.ts';
import { type EntityTable, entities, fieldLabelKey } from '../../../../shared/entities/entities.ts';
import { type ValueShape, declaredField, valueShapeOf } from '../../../../shared/entities/format-value.ts';
import { humanizeCode } from '../../i18n/humanizeCode.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf } from '../../router/router.ts';
import { useRecordTitle } from './recordTitles.ts';

/**
 * One value of a field of `entity` as the rest of the UI shows it: names for people and records, yes/no,
 * the label of an allowed value, days, moments and money in the user's locale, an address on one line.
 * What it is comes from the field's declaration, so a newly declared field needs nothing here.
 */
export function FieldValue({ entity, field, value }: { entity: EntityName; field: string; value: unknown }) {
  const labelKey = fieldLabelKey(entity, field);
  return <ShapedValue shape={valueShapeOf(declaredField(entity, field), value, labelKey)} />;
}

/** The words of a value of a known shape. */
export function useValueText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (shape: Exclude<ValueShape, { shape: 'record' }>): string => {
    switch (shape.shape) {
      case 'none':
        return '—';
      case 'text':
        return shape.text;
      case 'yesNo':
        return shape.yes ? t('values.yes') : t('values.no');
      case 'choice':
        return t(shape.labelKey, { defaultValue: humanizeCode(shape.code) });
      case 'day':
        return format.day(shape.day);
      case 'moment':
        return format.dateTime(shape.at);
      case 'number':
        return format.number(shape.value);
      case 'money': {
        const amount = format.money(shape.amount, shape.currency);
        return shape.cost === null
          ? amount
          : t('values.moneyWithCost', { amount, cost: format.money(shape.cost, shape.currency) });
      }
      case 'address':
        return shape.parts.join(', ');
      case 'list':
        return shape.items
          .map((item) => (item.label ? `${item.value} (${item.label})` : item.value))
          .join(', ');
    }
  };
}

function ShapedValue({ shape }: { shape: ValueShape }) {
  const text = useValueText();
  if (shape.shape === 'record') return <RecordName table={shape.table} id={shape.id} />;
  return <>{text(shape)}</>;
}

/** What a referenced record is called; a client's name links to its page. */
export function RecordName({ table, id }: { table: EntityTable; id: string }) {
  const { t } = useTranslation();
  const { title, loading, missing } = useRecordTitle(table, id);
  const entityLabel = t(`entity.${entities[table].entity}`);
  if (loading)
    return (
      <Text span c="dimmed">
        …
      </Text>
    );
  if (missing) return <>{t('values.recordGone', { entity: entityLabel })}</>;
  if (table === 'client' && title) return <Anchor href={hrefOf('client', id)}>{title}</Anchor>;
  return <>{title ?? entityLabel}</>;
}
