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
