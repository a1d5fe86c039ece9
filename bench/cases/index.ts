// Every benchmark case, in the order the table prints them. One file per case.
import type { BenchCase } from '../case.ts';

export const CASES: BenchCase[] = [];
