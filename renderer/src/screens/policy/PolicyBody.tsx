import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../shared/money';
import { isLocalizedText, isPlainObject, isYearDay, percentText, tableColumns, unitOf, type Unit } from '../../lib/policyFormat';
import { useLocalized } from '../../lib/text';

/** A body key's name in the UI language (the raw key when it has none). */
function useKeyName() {
  const { t, i18n } = useTranslation();
  return (key: string) => (i18n.exists(`policyKey.${key}`) ? t(`policyKey.${key}`) : key);
}

function Scalar({ value, unit, field }: { value: unknown; unit: Unit; field: string }) {
  const { t, i18n } = useTranslation();
  const L = useLocalized();
  if (value === null || value === undefined) return <span className="muted">{field === 'uptoFen' ? t('policy.open') : t('policy.none')}</span>;
  if (typeof value === 'number') {
    if (unit === 'fen') return <span className="mono">{t('estimate.yuan', { amount: formatYuan(value) })}</span>;
    if (unit === 'bp') return <span className="mono">{percentText(value)}</span>;
    return <span className="mono">{value}</span>;
  }
  if (typeof value === 'boolean') return <span>{value ? t('common.yes') : t('common.no')}</span>;
  if (typeof value === 'string') return <span>{i18n.exists(`policyValue.${value}`) ? t(`policyValue.${value}`) : value}</span>;
  if (isLocalizedText(value)) return <span>{L(value)}</span>;
  if (isYearDay(value)) {
    const date = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2000, value.month - 1, value.day));
    return <span>{t(value.yearOffset < 0 ? 'policy.dayPrevYear' : 'policy.dayThisYear', { month: value.month, day: value.day, date })}</span>;
  }
  return <span className="mono">{JSON.stringify(value)}</span>;
}

/**
 * A policy table's figures, generically: nested groups as definition lists, lists of like objects (bands,
 * benefit standards) as tables, a matrix as a grid; money in yuan, ratios as percentages.
 */
export function PolicyBody({ value, unit = null, field = '' }: { value: unknown; unit?: Unit; field?: string }) {
  const name = useKeyName();
  if (Array.isArray(value)) {
    const cols = tableColumns(value);
    if (cols) {
      return (
        <table className="table policy-table">
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c} scope="col">
                  {name(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(value as Record<string, unknown>[]).map((row, i) => (
              <tr key={i}>
                {cols.map((c) => (
                  <td key={c}>
                    <Scalar value={row[c]} unit={unitOf(c, unit)} field={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    if (value.every((v) => Array.isArray(v))) {
      return (
        <table className="table policy-matrix">
          <tbody>
            {(value as unknown[][]).map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j} className="mono">
                    <Scalar value={cell} unit={unit} field={field} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    if (value.length === 0) return <Scalar value={null} unit={unit} field={field} />;
    return (
      <span className="policy-list">
        {value.map((v, i) => (
          <span key={i}>
            {i > 0 ? '、' : ''}
            <Scalar value={v} unit={unit} field={field} />
          </span>
        ))}
      </span>
    );
  }
  if (isPlainObject(value) && !isLocalizedText(value) && !isYearDay(value)) {
    return (
      <dl className="policy-group">
        {Object.entries(value).map(([k, v]) => (
          <div key={k} className="policy-entry">
            <dt>{name(k)}</dt>
            <dd>
              <PolicyBody value={v} unit={unitOf(k, unit)} field={k} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <Scalar value={value} unit={unit} field={field} />;
}
