// Every benchmark case, in the order the table prints them. One file per case.
import type { BenchCase } from '../case.ts';
import { engineCase } from './engine.ts';
import { exportsCase } from './exports.ts';
import { apiLatencyCase } from './api-latency.ts';
import { sendPathCase } from './send-path.ts';
import { postcardsCase } from './postcards.ts';

export const CASES: BenchCase[] = [
  engineCase,
  exportsCase,
  apiLatencyCase,
  sendPathCase,
  postcardsCase,
];
