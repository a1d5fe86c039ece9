// Every benchmark case, in the order the table prints them. One file per case. The send path
// goes first: the cases that fill big databases leave PostgreSQL checkpointing and vacuuming for a
// while after they end, which landed in its timed rounds.
import type { BenchCase } from '../case.ts';
import { engineCase } from './engine.ts';
import { exportsCase } from './exports.ts';
import { apiLatencyCase } from './api-latency.ts';
import { sendPathCase } from './send-path.ts';
import { textSendPathCase } from './text-send-path.ts';
import { postcardsCase } from './postcards.ts';
import { consoleLoadCase } from './console-load.ts';
import { consoleSpeedCase } from './console-speed.ts';
import { hostilePreviewCase } from './hostile-preview.ts';
import { vinDecodeCase } from './vin-decode.ts';
import { resultsCase } from './results.ts';

export const CASES: BenchCase[] = [
  sendPathCase,
  textSendPathCase,
  postcardsCase,
  engineCase,
  exportsCase,
  apiLatencyCase,
  consoleLoadCase,
  consoleSpeedCase,
  hostilePreviewCase,
  vinDecodeCase,
  resultsCase,
];
