/** One line of the bench's table: a figure beside the naive way and the physical limit. */
export interface BenchRow {
  readonly area: string;
  readonly figure: string;
  readonly measuredMs: number;
  readonly naiveMs?: number;
  readonly naiveNote?: string;
  readonly limitMs?: number;
  readonly limitNote?: string;
  readonly note?: string;
}
