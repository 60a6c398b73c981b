import { DEFAULT_TIME_ZONE } from '../shared/domain/common';
import { toWallTime } from '../shared/domain/zoned-time';

/** Prints rows as aligned columns; what an operator reads at a glance. */
export const formatTable = (rows: Array<Record<string, string | number | undefined>>): string => {
  if (rows.length === 0) return '(none)';
  const columns = Object.keys(rows[0] ?? {});
  const cell = (row: Record<string, string | number | undefined>, column: string) =>
    String(row[column] ?? '');
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.toUpperCase())),
    ...rows.map((r) => line(columns.map((c) => cell(r, c)))),
  ].join('\n');
};

export const formatJson = (value: unknown): string => JSON.stringify(value, null, 2);

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a table cell: `2026-12-04 12:00`, on the agency's clock (Berlin), as people read it. */
export const formatBerlinMinute = (iso: string | undefined): string => {
  if (!iso) return '';
  const w = toWallTime(new Date(iso), DEFAULT_TIME_ZONE);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
};
