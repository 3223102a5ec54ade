/** One line of the bench's table: what was measured, its baseline from the same run, and the goal. */
export interface Row {
  row: string;
  baseline: string;
  measured: string;
  ratio: string;
  goal: string;
}

export function printRows(title: string, rows: Row[]): void {
  console.log(`\n${title}\n`);
  console.log("| row | baseline (same run) | measured | ratio | goal |\n|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.row} | ${r.baseline} | ${r.measured} | ${r.ratio} | ${r.goal} |`);
}
