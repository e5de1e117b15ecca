/**
 * Date parsing for every format feeds really use: RFC 822/1123 and their real-world variants, ISO 8601/W3CDTF at any
 * precision, and Unix timestamps. Results are epoch ms (UTC); dates more than a day ahead of the fetch are clamped to
 * the fetch time, because a future date would pin an article to the top of every list.
 */

const DAY_MS = 86_400_000;

const MONTHS: Record<string, number> = {};
function months(index: number, ...names: string[]): void {
  for (const name of names) MONTHS[name] = index;
}
// English first; then the abbreviations of languages whose feeds often come with localized dates.
months(0, 'jan', 'january', 'janv', 'janvier', 'ene', 'enero', 'gen', 'januar', 'jänner', 'jän');
months(1, 'feb', 'february', 'févr', 'fevr', 'février', 'fevrier', 'febrero', 'februar', 'febbraio');
months(2, 'mar', 'march', 'mär', 'mrz', 'mrt', 'märz', 'maerz', 'mars', 'marzo', 'maart');
months(3, 'apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile');
months(4, 'may', 'mai', 'mayo', 'mag', 'maggio', 'mei');
months(5, 'jun', 'june', 'juin', 'junio', 'giu', 'giugno', 'juni');
months(6, 'jul', 'july', 'juil', 'juillet', 'julio', 'lug', 'luglio', 'juli');
months(7, 'aug', 'august', 'août', 'aout', 'ago', 'agosto', 'augustus');
months(8, 'sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre', 'setembro');
months(9, 'oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'ott', 'ottobre', 'out', 'outubro');
months(10, 'nov', 'november', 'novembre', 'noviembre');
months(11, 'dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'decembre', 'dic', 'diciembre', 'dicembre');

/** Named zones in minutes east of UTC. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, wat: 60,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, hast: -600, hadt: -540, ast: -240, adt: -180, nst: -210, ndt: -150,
  bst: 60, ist: 330, cet: 60, cest: 120, met: 60, mest: 120, west: 60, eet: 120, eest: 180, msk: 180, cat: 120,
  eat: 180, sast: 120, pkt: 300, ict: 420, wib: 420, sgt: 480, hkt: 480, awst: 480, pht: 480,
  jst: 540, kst: 540, acst: 570, acdt: 630, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};
// RFC 822 military zones, as that RFC defines them (A = -1 … M = -12, N = +1 … Y = +12; J unused).
for (let i = 0; i < 12; i++) {
  const east = String.fromCharCode(110 + i); // n..y
  ZONES[east] = (i + 1) * 60;
}
'abcdefghiklm'.split('').forEach((letter, i) => {
  ZONES[letter] = -(i + 1) * 60;
});

const WEEKDAYS = /^(mon|tue|wed|thu|fri|sat|sun)/;

const ISO =
  /^(\d{4})(?:-?(\d{1,2})(?:-?(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?)?)?\s*(Z|z|[A-Za-z]{2,5}|[+-]\d{1,2}(?::?\d{2})?)?$/;
const UNIX = /^-?\d{9,13}(?:\.\d+)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(.*)$/;
const OFFSET = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/;
const DAY_MONTH_YEAR = /^(\d{1,2})[-/.]([a-zà-ÿ]+)\.?[-/.](\d{2,4})$/;
const ORDINAL = /^(\d{1,2})(?:st|nd|rd|th)$/;

function build(year: number, month: number, day: number, h: number, m: number, s: number, ms: number, offsetMin: number): number | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || h > 24 || m > 59 || s > 60) return undefined;
  if (year < 1000 || year > 9999) return undefined;
  const time = Date.UTC(year, month, day, h, m, s, ms) - offsetMin * 60_000;
  return Number.isFinite(time) ? time : undefined;
}

function parseIso(value: string): number | undefined {
  const match = ISO.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  let offset = 0;
  if (zone && /^[a-z]/i.test(zone)) {
    const named = ZONES[zone.toLowerCase()];
    if (named === undefined) return undefined;
    offset = named;
  } else if (zone && /^[+-]/.test(zone)) {
    const digits = zone.slice(1).replace(':', '');
    const hours = digits.length <= 2 ? Number(digits) : Number(digits.slice(0, digits.length - 2));
    const mins = digits.length <= 2 ? 0 : Number(digits.slice(-2));
    offset = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + mins);
  }
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return build(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1, h ? Number(h) : 0, mi ? Number(mi) : 0, s ? Number(s) : 0, ms, offset);
}

function twoDigitYear(year: number): number {
  // RFC 2822 §4.3: 00–49 are 2000–2049, 50–99 are 1950–1999.
  return year < 50 ? 2000 + year : 1900 + year;
}

function parseZone(token: string): number | undefined {
  if (token === '') return undefined;
  const named = ZONES[token];
  if (named !== undefined) return named;
  const match = OFFSET.exec(token);
  if (!match) return undefined;
  const [, sign, hh = '0', mm] = match;
  let hours = Number(hh);
  let mins = mm ? Number(mm) : 0;
  // "+530" style: three digits without a colon
  if (!mm && hh.length > 2) {
    hours = Number(hh.slice(0, -2));
    mins = Number(hh.slice(-2));
  }
  if (hours > 14 || mins > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (hours * 60 + mins);
}

/** The RFC 1123 form most RSS feeds use, `Mon, 01 Jan 2024 10:00:00 GMT`, read without tokenizing. */
const RFC_1123 = /^(?:(?:mon|tue|wed|thu|fri|sat|sun),?\s+)?(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([a-z]{1,4}|[+-]\d{4})$/i;

/**
 * parseLoose's result for the common RFC 1123 form, or undefined to leave it to parseLoose (which then gives the same
 * answer or finds none): the fields are taken exactly as its token rules would take them.
 */
function parseRfc1123(value: string): number | undefined {
  const match = RFC_1123.exec(value);
  if (!match) return undefined;
  const [, d = '', mon = '', y = '', h = '', mi = '', sec, zoneToken = ''] = match;
  const day = Number(d);
  const monthName = mon.toLowerCase();
  const month = MONTHS[monthName];
  // A day over 31 would be taken for a year, a month name that is also a zone for a zone: leave those to parseLoose.
  if (day < 1 || day > 31 || month === undefined || ZONES[monthName] !== undefined) return undefined;
  const zone = parseZone(zoneToken.toLowerCase());
  if (zone === undefined) return undefined;
  return build(Number(y), month, day, Number(h), Number(mi), sec === undefined ? 0 : Number(sec), 0, zone);
}

/** Token-based parser for RFC 822 and the many things feeds call RFC 822. */
function parseLoose(value: string): number | undefined {
  const tokens = value
    .toLowerCase()
    .replace(/[,;]/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '');
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let h = 0;
  let m = 0;
  let s = 0;
  let sawTime = false;
  let zone: number | undefined;
  let pm: boolean | undefined;
  const numbers: number[] = [];

  const takeNumber = (n: number, digits: number): void => {
    if (digits >= 3 || n > 31) {
      if (year === undefined) year = digits <= 2 ? twoDigitYear(n) : n;
    } else numbers.push(n);
  };

  for (let raw of tokens) {
    raw = raw.replace(/\.$/, '');
    if (raw === '') continue;
    const dmy = DAY_MONTH_YEAR.exec(raw);
    if (dmy) {
      const mon = MONTHS[dmy[2] ?? ''];
      if (mon !== undefined) {
        day = Number(dmy[1]);
        month = mon;
        const y = Number(dmy[3]);
        year = (dmy[3] ?? '').length <= 2 ? twoDigitYear(y) : y;
        continue;
      }
    }
    const time = TIME.exec(raw);
    if (time && !sawTime) {
      sawTime = true;
      h = Number(time[1]);
      m = Number(time[2]);
      s = time[3] ? Number(time[3]) : 0;
      const rest = time[4] ?? '';
      if (rest === 'am' || rest === 'pm') pm = rest === 'pm';
      else if (rest !== '') zone = parseZone(rest) ?? zone;
      continue;
    }
    if (/^\d+$/.test(raw)) {
      takeNumber(Number(raw), raw.length);
      continue;
    }
    const ordinal = ORDINAL.exec(raw);
    if (ordinal) {
      day = Number(ordinal[1]);
      continue;
    }
    if (raw === 'am' || raw === 'pm') {
      pm = raw === 'pm';
      continue;
    }
    const z = parseZone(raw);
    if (z !== undefined && (sawTime || raw.length > 1)) {
      zone = z;
      continue;
    }
    const mon = MONTHS[raw] ?? (raw.length >= 3 && !WEEKDAYS.test(raw) ? MONTHS[raw.slice(0, 3)] : undefined);
    if (mon !== undefined && month === undefined) {
      month = mon;
      continue;
    }
    // weekday names and filler words ("de", "at") carry no date information
  }
  // Numbers without a month name: nothing reliable to go on.
  if (month === undefined) return undefined;
  if (day === undefined) day = numbers.shift();
  if (year === undefined) {
    const y = numbers.shift();
    if (y !== undefined) year = twoDigitYear(y);
  }
  if (day === undefined || year === undefined) return undefined;
  if (pm !== undefined) {
    if (pm && h < 12) h += 12;
    if (!pm && h === 12) h = 0;
  }
  return build(year, month, day, h, m, s, 0, zone ?? 0);
}

/** Parses a feed date; undefined when it cannot be read. `now` is the fetch time used for the future clamp. */
export function parseDate(input: string | number | undefined, now: number): number | undefined {
  if (input === undefined) return undefined;
  let time: number | undefined;
  if (typeof input === 'number') {
    time = Number.isFinite(input) ? (Math.abs(input) < 1e11 ? input * 1000 : input) : undefined;
  } else {
    const value = input.trim();
    if (value === '' || value.length > 200) return undefined;
    if (UNIX.test(value)) {
      const n = Number(value);
      time = value.replace(/^-/, '').split('.')[0]!.length >= 12 ? n : n * 1000;
    } else {
      time = parseIso(value) ?? parseRfc1123(value) ?? parseLoose(value);
      if (time === undefined) {
        const fallback = Date.parse(value);
        time = Number.isFinite(fallback) ? fallback : undefined;
      }
    }
  }
  if (time === undefined || !Number.isFinite(time)) return undefined;
  return time > now + DAY_MS ? now : Math.round(time);
}
