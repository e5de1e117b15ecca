import { Fragment } from 'react';
import type { Formatters } from '../../../shared/i18n/format';

/**
 * Key combinations as <kbd>s joined the way the language says "a or b" ("J oder K", "J 或 K"): the list is
 * formatted with stand-ins, then each stand-in becomes its <kbd>.
 */
export function KeyList({ keys, format }: { keys: readonly string[]; format: Formatters }) {
  const marks = keys.map((_, index) => `\u0000${index}\u0000`);
  const parts = format.list(marks, 'or').split(/\u0000(\d+)\u0000/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? <kbd key={index}>{keys[Number(part)]}</kbd> : part ? <Fragment key={index}>{part}</Fragment> : null,
      )}
    </>
  );
}
