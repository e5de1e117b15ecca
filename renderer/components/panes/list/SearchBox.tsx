import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Translate } from '../../../../shared/i18n/translator';
import { useIndexProgress } from '../../../hooks/use-index-progress';

interface SearchBoxProps {
  query: string;
  inputRef: Ref<HTMLInputElement>;
  resultCount: number | null;
  onChange: (query: string) => void;
  /** Enter or ↓: move to the results. */
  onSubmit: () => void;
  onClose: () => void;
  onSave: (() => void) | null;
}

/** "1 result", "12 results"; the Worker stops at 300, so 300 means at least that many. */
function resultLabel(count: number, t: Translate): string {
  if (count >= 300) return t('search.resultsAtLeast', { count: 300 });
  return t('search.results', { count });
}

/**
 * While the index loads or builds, what it is doing: results meanwhile come from what is indexed so far, so the
 * reader knows why an article may still be missing.
 */
function IndexingNote() {
  const { t } = useTranslation();
  const progress = useIndexProgress();
  // Indexing nothing: a loaded snapshot about to learn whether anything arrived since.
  if (progress.phase === 'ready' || (progress.phase === 'indexing' && progress.total === 0)) return null;
  if (progress.phase === 'loading') return <div className="search-indexing">{t('search.loadingIndex')}</div>;
  return (
    <div className="search-indexing">
      <span>
        {t('search.indexing', { done: progress.indexed, total: progress.total })}
      </span>
      <progress value={progress.indexed} max={Math.max(1, progress.total)} aria-label={t('search.indexProgress')} />
    </div>
  );
}

/** The search field of the list pane, with the query words it understands shown as a hint. */
export function SearchBox({ query, inputRef, resultCount, onChange, onSubmit, onClose, onSave }: SearchBoxProps) {
  const { t } = useTranslation();
  return (
    <div className="search-box" role="search">
      <input
        ref={inputRef}
        type="search"
        autoFocus
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onClose();
          } else if (event.key === 'Enter' || event.key === 'ArrowDown') {
            event.preventDefault();
            onSubmit();
          }
        }}
      />
      <div className="search-meta">
        <span role="status">{resultCount === null || query.trim() === '' ? '' : resultLabel(resultCount, t)}</span>
        {onSave ? (
          <button type="button" className="tool-button" onClick={onSave} disabled={query.trim() === ''}>
            {t('search.save')}
          </button>
        ) : null}
      </div>
      <IndexingNote />
    </div>
  );
}
