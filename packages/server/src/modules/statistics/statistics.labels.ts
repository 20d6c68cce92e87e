import { STATISTICS_UNKNOWN, statisticsLabels, type StatisticsLabelLanguage } from '@palermo/contracts';
import { alpha2Of } from '../statistical-records/country-codes.js';

/** Words for the codes of a statistics download, in one language. */
export interface Labeller {
  /** A table's title (a rate's words for the performance rows). */
  table(id: string, deadlineDays: number): string;
  /** A row or column value of a dimension in words; years and unknown codes stay as they are. */
  value(dimension: string, code: string): string;
}

const fill = (template: string, values: Readonly<Record<string, string>>) => template.replace(/\{\{(\w+)\}\}/gu, (_, name: string) => values[name] ?? '');

/**
 * The labeller of a language: the statistics page's own words (contracts statisticsLabels), countries named by
 * Intl.DisplayNames in that language, age bands written "9 to 17" and "48 and over", numbers in the language's digits.
 */
export function downloadLabeller(language: StatisticsLabelLanguage): Labeller {
  const words = statisticsLabels[language];
  const regions = new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'none' });
  const number = new Intl.NumberFormat(language, { useGrouping: false });
  const country = (code: string) => {
    const alpha2 = code.length === 3 ? alpha2Of(code) : null;
    try {
      return (alpha2 && regions.of(alpha2)) || code;
    } catch {
      return code;
    }
  };
  const ageBand = (code: string) => {
    const range = /^(\d+)-+(\d+)$/u.exec(code);
    if (range) return fill(words.ageRange, { from: number.format(Number(range[1])), to: number.format(Number(range[2])) });
    const over = /^(\d+)\+$/u.exec(code);
    return over ? fill(words.ageOver, { from: number.format(Number(over[1])) }) : code;
  };
  return {
    table: (id, deadlineDays) => fill(words.tables[id] ?? id, { days: number.format(deadlineDays) }),
    value(dimension, code) {
      if (code === STATISTICS_UNKNOWN) return words.unknown;
      if (code === 'total' || code === 'all') return words.total;
      if (dimension === 'ageBand') return ageBand(code);
      if (dimension === 'citizenship' || dimension === 'countryOfExploitation') return country(code);
      return words.values[dimension]?.[code] ?? code;
    },
  };
}
