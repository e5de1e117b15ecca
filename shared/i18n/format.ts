/**
 * Dates, times, numbers, sizes and lists in the active locale, through Intl. One formatter set per locale, made
 * once: building an Intl formatter costs far more than using one (measured: most of a list render's time at
 * 100,000 articles when each row built its own DateTimeFormat).
 */

export interface Formatters {
  readonly locale: string;
  number(value: number): string;
  /** A number with exactly `digits` decimals ("1,60" in German). */
  decimal(value: number, digits: number): string;
  /** A byte count in the unit that reads best (kB, MB, GB; decimal, as OS file managers show them). */
  bytes(value: number): string;
  /** A number already in a unit: `size(2, 'gigabyte')` → "2 GB". */
  size(value: number, unit: 'kilobyte' | 'megabyte' | 'gigabyte'): string;
  /** "12 Mar 2026" */
  date(time: number): string;
  /** "12 March 2026 at 14:05" (the reader's byline) */
  longDateTime(time: number): string;
  /** "12 Mar 2026, 14:05" */
  dateTime(time: number): string;
  /** "3 min ago" within a week, else the date. */
  relative(time: number, now: number): string;
  /** "a, b and c" / "a, b or c" */
  list(items: readonly string[], kind?: 'and' | 'or'): string;
  /** A language's own name ("Deutsch", "日本語"), or the code when the platform does not know it. */
  languageName(code: string, inLanguage?: string): string;
}

const cache = new Map<string, Formatters>();

export function formattersFor(locale: string): Formatters {
  let made = cache.get(locale);
  if (!made) {
    made = makeFormatters(locale);
    cache.set(locale, made);
  }
  return made;
}

const KB = 1000;
const UNITS = [
  ['gigabyte', KB ** 3],
  ['megabyte', KB ** 2],
  ['kilobyte', KB],
] as const;

function makeFormatters(locale: string): Formatters {
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const longDateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const sizes = new Map<string, Intl.NumberFormat>();
  const size = (unit: string, digits: number) => {
    const key = `${unit}:${digits}`;
    let format = sizes.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits });
      sizes.set(key, format);
    }
    return format;
  };
  const wholeBytes = new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long', maximumFractionDigits: 0 });
  const lists = {
    and: new Intl.ListFormat(locale, { type: 'conjunction' }),
    or: new Intl.ListFormat(locale, { type: 'disjunction' }),
  };
  const names = new Map<string, Intl.DisplayNames>();
  return {
    locale,
    number: (value) => numbers.format(value),
    decimal: (value, digits) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
    bytes(value) {
      for (const [unit, factor] of UNITS) {
        if (value >= factor) {
          const scaled = value / factor;
          return size(unit, scaled < 10 ? 1 : 0).format(scaled);
        }
      }
      // Whole bytes by their long name, which Intl declines for the number in every locale ("1 byte", "512 bytes",
      // "5 bajtów", "512 octets"): the short one is not plural in English ("512 byte") nor right in Portuguese
      // ("1 bytes"). Kilobytes and up keep their symbols, which have no plural.
      return wholeBytes.format(value);
    },
    size: (value, unit) => size(unit, value < 10 ? 1 : 0).format(value),
    date: (time) => dates.format(time),
    dateTime: (time) => dateTimes.format(time),
    longDateTime: (time) => longDateTimes.format(time),
    relative(time, now) {
      const seconds = (now - time) / 1000;
      const minutes = Math.round(seconds / 60);
      if (minutes < 1) return relative.format(0, 'second');
      if (minutes < 60) return relative.format(-minutes, 'minute');
      const hours = Math.round(minutes / 60);
      if (hours < 24) return relative.format(-hours, 'hour');
      const days = Math.round(hours / 24);
      if (days < 7) return relative.format(-days, 'day');
      return dates.format(time);
    },
    list: (items, kind = 'and') => lists[kind].format(items),
    languageName(code, inLanguage = code) {
      let display = names.get(inLanguage);
      if (!display) {
        try {
          display = new Intl.DisplayNames([inLanguage], { type: 'language' });
        } catch {
          return code;
        }
        names.set(inLanguage, display);
      }
      const name = display.of(code) ?? code;
      // Language names start lower-case in some languages ("français"); in a list of choices they read as titles.
      return name.charAt(0).toLocaleUpperCase(inLanguage) + name.slice(1);
    },
  };
}
