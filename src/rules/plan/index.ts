import type { Rule } from '../types.js';
import { approval } from './approval.js';
import { cadence } from './cadence.js';
import { dstGap } from './dst-gap.js';
import { dstRepeated } from './dst-repeated.js';
import { duplicateText } from './duplicate-text.js';
import { endpoint } from './endpoint.js';
import { expired } from './expired.js';
import { maxPerDay } from './max-per-day.js';
import { missed } from './missed.js';
import { mix } from './mix.js';
import { objective } from './objective.js';
import { readyPast } from './ready-past.js';
import { slots } from './slots.js';

export const PLAN_RULES: readonly Rule[] = [
  objective,
  mix,
  cadence,
  maxPerDay,
  slots,
  readyPast,
  missed,
  dstGap,
  dstRepeated,
  expired,
  duplicateText,
  approval,
  endpoint,
];
