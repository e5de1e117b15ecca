/** The choices the settings dialogs offer for intervals, retention and the image budget, and how each reads. */
import type { Formatters } from '../../../shared/i18n/format';
import type { Translate } from '../../../shared/i18n/translator';

export const syncIntervals: ReadonlyArray<{ minutes: number }> = [0, 15, 30, 60, 120, 240, 720, 1440].map((minutes) => ({ minutes }));

export const retentionChoices: ReadonlyArray<{ days: number | null }> = [null, 7, 30, 90, 365].map((days) => ({ days }));

const MiB = 1024 ** 2;
export const storageBudgets: ReadonlyArray<{ bytes: number }> = [250, 500, 1024, 2048, 5120, 10240].map((mebibytes) => ({ bytes: mebibytes * MiB }));

/** "Every 15 minutes", "Every 2 hours", "Once a day", "Manually only" (also for a value set elsewhere). */
export function intervalLabel(minutes: number, t: Translate): string {
  if (minutes === 0) return t('choices.interval.manual');
  if (minutes === 1440) return t('choices.interval.daily');
  if (minutes % 60 === 0) return t('choices.interval.hours', { count: minutes / 60 });
  return t('choices.interval.minutes', { count: minutes });
}

/** "Forever", "1 week", "30 days", "1 year". */
export function retentionLabel(days: number | null, t: Translate): string {
  if (days === null) return t('choices.retention.forever');
  if (days % 365 === 0) return t('choices.retention.years', { count: days / 365 });
  if (days % 7 === 0 && days < 30) return t('choices.retention.weeks', { count: days / 7 });
  return t('choices.retention.days', { count: days });
}

/** "250 MB", "2 GB": in binary units, as the OS shows disk space (what the setting counts in). */
export function budgetLabel(bytes: number, format: Formatters): string {
  return bytes >= 1024 * MiB ? format.size(bytes / (1024 * MiB), 'gigabyte') : format.size(Math.round(bytes / MiB), 'megabyte');
}
