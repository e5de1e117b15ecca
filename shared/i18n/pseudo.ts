/**
 * The pseudo-locale's text: every letter accented and each message about 35 % longer, inside [ ], with
 * placeholders and markup left as they are. Untranslated text (plain ASCII letters) and clipped controls (a lost
 * closing bracket) then stand out on screen and to the pseudo-locale end-to-end test.
 */
import type { Catalogue } from './catalogues';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, index) => [
    letter,
    [...'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][index] ?? letter,
  ]),
);

/** Padding that reads as pseudo text too (no ASCII letters). */
const FILLER = 'ļöŕéɱ îþšûɱ ðöļöŕ šîţ åɱéţ çöñšéçţéţûŕ åðîþîšçîñĝ éļîţ šéð ðö éîûšɱöð ţéɱþöŕ';

/** Placeholders `{{…}}`, nested references `$t(…)` and markup `<…>` pass through untouched. */
const PROTECTED = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<[^>]*>)/;

export const PSEUDO_EXPANSION = 0.35;

export function pseudoLocalize(message: string): string {
  let letters = 0;
  const body = message
    .split(PROTECTED)
    .map((part, index) => {
      if (index % 2 === 1) return part;
      return [...part]
        .map((char) => {
          const accented = ACCENTED[char];
          if (accented === undefined) return char;
          letters++;
          return accented;
        })
        .join('');
    })
    .join('');
  const visible = message.replace(new RegExp(PROTECTED.source, 'g'), '').length;
  const padding = Math.max(letters > 0 ? 2 : 0, Math.round(visible * PSEUDO_EXPANSION));
  return padding === 0 ? body : `[${body} ${FILLER.repeat(Math.ceil(padding / FILLER.length)).slice(0, padding - 1).trimEnd()}]`;
}

/** The whole pseudo catalogue from the English one, same keys. */
export function pseudoCatalogue(english: Catalogue): Catalogue {
  const out: Catalogue = {};
  for (const [key, value] of Object.entries(english)) out[key] = typeof value === 'string' ? pseudoLocalize(value) : pseudoCatalogue(value);
  return out;
}
