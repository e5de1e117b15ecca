/** The choices the settings dialogs offer for intervals and retention. */
export const syncIntervals: Array<{ minutes: number; label: string }> = [
  { minutes: 0, label: 'Manually only' },
  { minutes: 15, label: 'Every 15 minutes' },
  { minutes: 30, label: 'Every 30 minutes' },
  { minutes: 60, label: 'Every hour' },
  { minutes: 120, label: 'Every 2 hours' },
  { minutes: 240, label: 'Every 4 hours' },
  { minutes: 720, label: 'Every 12 hours' },
  { minutes: 1440, label: 'Once a day' },
];

export const retentionChoices: Array<{ days: number | null; label: string }> = [
  { days: null, label: 'Forever' },
  { days: 7, label: '1 week' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
];

const MB = 1024 ** 2;
export const storageBudgets: Array<{ bytes: number; label: string }> = [
  { bytes: 250 * MB, label: '250 MB' },
  { bytes: 500 * MB, label: '500 MB' },
  { bytes: 1024 * MB, label: '1 GB' },
  { bytes: 2048 * MB, label: '2 GB' },
  { bytes: 5120 * MB, label: '5 GB' },
  { bytes: 10240 * MB, label: '10 GB' },
];
