import type { AlarmLevel, Threshold } from '@pengcheng/protocol';

/** Where a quantity stands against its threshold: below every level, or at one of them. */
export type ThresholdLevel = 'none' | AlarmLevel;

const RANK: Record<ThresholdLevel, number> = { none: 0, warning: 1, alarm: 2 };
const LEVELS_UP: readonly AlarmLevel[] = ['warning', 'alarm'];

export function levelRank(level: ThresholdLevel): number {
  return RANK[level];
}

/** The threshold value of a level, when the quantity has that level. */
export function thresholdValue(threshold: Threshold, level: AlarmLevel): number | undefined {
  return level === 'alarm' ? threshold.alarm : threshold.warning;
}

/** `value` is at or beyond `limit` in the threshold's direction, shifted back by `slack`. */
function beyond(threshold: Threshold, value: number, limit: number, slack: number): boolean {
  return threshold.direction === 'above' ? value >= limit - slack : value <= limit + slack;
}

/**
 * The level after `value`, coming from `current`. A level is entered at its threshold and held
 * until the value is back past the threshold by the hysteresis, so a value hovering at a
 * threshold changes the level at most once.
 */
export function nextThresholdLevel(threshold: Threshold, current: ThresholdLevel, value: number): ThresholdLevel {
  let next: ThresholdLevel = 'none';
  for (const level of LEVELS_UP) {
    const limit = thresholdValue(threshold, level);
    if (limit === undefined) continue;
    const held = RANK[level] <= RANK[current];
    if (beyond(threshold, value, limit, held ? threshold.hysteresis : 0)) next = level;
  }
  return next;
}
