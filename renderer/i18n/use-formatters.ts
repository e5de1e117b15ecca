import { useTranslation } from 'react-i18next';
import { formattersFor } from '../../shared/i18n/format';
import type { Formatters } from '../../shared/i18n/format';

/** Dates, numbers and sizes in the window's language; re-renders when the language changes. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  return formattersFor(i18n.language);
}
