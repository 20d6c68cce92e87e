import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatisticsTable } from '@palermo/contracts';
import { Count } from './Count';
import { dimensionLabel, valueLabel as labelOf } from './labels';

/** Series colours, distinguishable for the common forms of colour blindness (Okabe-Ito). */
export const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** What a figure counts, in words: the unit, which persons, which period. */
export function useCountingCaption() {
  const { t } = useTranslation();
  return (table: Pick<StatisticsTable, 'counting'>, title: string) => {
    const { unit, yearFrom, yearTo } = table.counting;
    const period =
      yearFrom === null && yearTo === null
        ? t('statistics.allYears')
        : t('statistics.period', { from: yearFrom ?? t('statistics.firstYear'), to: yearTo ?? t('statistics.lastYear') });
    return t('statistics.caption', { title, unit: t(`statistics.units.${unit}`), population: t(`statistics.populations.${table.counting.population}`, { defaultValue: table.counting.population }), period });
  };
}

/**
 * One figure: a bar chart of the published counts (suppressed ones are left out of the chart and marked in the
 * table) and the table beside it, with totals. The chart is drawn by recharts as SVG with React style properties
 * only, which the server's Content-Security-Policy (style-src 'self') allows.
 */
export function FigureTable({ table, title, threshold, stacked = false }: { table: StatisticsTable; title: string; threshold: number; stacked?: boolean }) {
  const { t, i18n } = useTranslation();
  const valueLabel = (dimension: string, key: string) => labelOf(t, dimension, key, i18n.language);
  const caption = useCountingCaption()(table, title);
  const columnDimension = table.columnDimension ?? 'measure';
  const seriesLabel = (column: string) => (table.columnDimension === null ? t(`statistics.units.${table.counting.unit}`) : valueLabel(columnDimension, column));
  const data = table.rows.map((row) => {
    const point: Record<string, string | number | null> = { name: valueLabel(table.rowDimension, row.key) };
    table.columns.forEach((column, i) => {
      point[seriesLabel(column)] = row.cells[i]?.value ?? null;
    });
    return point;
  });
  const id = `figure-${table.id}`;
  return (
    <figure className="statistics-figure" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{title}</strong>
        <span className="muted"> — {caption}</span>
      </figcaption>
      {table.rows.length === 0 ? (
        <p>{t('statistics.noPersons')}</p>
      ) : (
        <>
          <div className="statistics-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                {table.columns.length > 1 ? <Legend /> : null}
                {table.columns.map((column, i) => (
                  <Bar key={column} dataKey={seriesLabel(column)} fill={palette[i % palette.length]} isAnimationActive={false} {...(stacked ? { stackId: 'a' } : {})} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="table-wrap">
            <table className="table-dense">
              <caption className="visually-hidden">{`${title}: ${caption}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{dimensionLabel(t, table.rowDimension)}</th>
                  {table.columns.map((column) => (
                    <th scope="col" key={column}>
                      {seriesLabel(column)}
                    </th>
                  ))}
                  {table.rows.some((r) => r.total !== null) ? <th scope="col">{t('statistics.total')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{valueLabel(table.rowDimension, row.key)}</th>
                    {row.cells.map((cell, i) => (
                      <td key={table.columns[i]} className="number">
                        <Count value={cell} threshold={threshold} />
                      </td>
                    ))}
                    {row.total !== null ? (
                      <td className="number">
                        <Count value={row.total} threshold={threshold} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
              {table.columnTotals || table.grandTotal ? (
                <tfoot>
                  <tr>
                    <th scope="row">{t('statistics.total')}</th>
                    {table.columnTotals
                      ? table.columnTotals.map((cell, i) => (
                          <td key={table.columns[i]} className="number">
                            <Count value={cell} threshold={threshold} />
                          </td>
                        ))
                      : table.columns.map((column, i) =>
                          i === table.columns.length - 1 ? (
                            <td key={column} className="number">
                              <Count value={table.grandTotal} threshold={threshold} />
                            </td>
                          ) : (
                            <td key={column} />
                          ),
                        )}
                    {table.columnTotals && table.rows.some((r) => r.total !== null) ? (
                      <td className="number">
                        <Count value={table.grandTotal} threshold={threshold} />
                      </td>
                    ) : null}
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </div>
          {table.overlapping ? <p className="hint">{t('statistics.overlapping')}</p> : null}
        </>
      )}
    </figure>
  );
}
