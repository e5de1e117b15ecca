import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../../shared/i18n/errors';
import type { HostError } from '../../../../shared/host';
import type { Result } from '../../../../shared/result';
import { useFormatters } from '../../../i18n/use-formatters';

type DownloadState =
  | { phase: 'idle'; error?: HostError }
  | { phase: 'downloading'; received: number; total: number | null };

/** The article's podcast episode and what can be done with it (renderer/offline/download-enclosure). */
export interface ReaderEpisode {
  url: string;
  /** Set when the episode is stored for offline listening. */
  storedBytes: number | null;
  download(onProgress: (received: number, total: number | null) => void, signal: AbortSignal): Promise<Result<unknown, HostError>>;
  remove(): void;
}

/** "Download episode" → a progress bar → "Episode saved offline" with a way to remove it. Never by default. */
export function EpisodeDownload({ episode }: { episode: ReaderEpisode }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [state, setState] = useState<DownloadState>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: 'downloading', received: 0, total: null });
    const result = await episode.download((received, total) => setState({ phase: 'downloading', received, total }), controller.signal);
    if (controller.signal.aborted) return;
    abort.current = null;
    setState(result.ok ? { phase: 'idle' } : { phase: 'idle', error: result.error });
  };

  if (state.phase === 'downloading') {
    const { received, total } = state;
    const label = total !== null ? t('reader.episode.progress', { received: format.bytes(received), total: format.bytes(total) }) : format.bytes(received);
    return (
      <span className="episode-download" role="status">
        <progress className="episode-progress" aria-label={t('reader.episode.progressLabel')} max={total ?? undefined} value={total !== null ? received : undefined} />
        <span className="episode-progress-label">{label}</span>
        <button type="button" className="tool-button" onClick={() => { abort.current?.abort(); abort.current = null; setState({ phase: 'idle' }); }}>
          {t('common.cancel')}
        </button>
      </span>
    );
  }
  if (episode.storedBytes !== null) {
    return (
      <span className="episode-download">
        <span className="episode-saved" role="status">{t('reader.episode.saved', { size: format.bytes(episode.storedBytes) })}</span>
        <button type="button" className="tool-button" onClick={episode.remove}>
          {t('reader.episode.remove')}
        </button>
      </span>
    );
  }
  return (
    <span className="episode-download">
      <button type="button" className="tool-button" onClick={() => void start()} title={t('reader.episode.downloadTitle')}>
        {t('reader.episode.download')}
      </button>
      {state.error ? <span className="episode-error" role="alert">{describeError(state.error, t)}</span> : null}
    </span>
  );
}
