import { useEffect, useRef, useState } from 'react';
import type { ReaderEpisode } from './ReaderPane';

type DownloadState =
  | { phase: 'idle'; error?: string }
  | { phase: 'downloading'; received: number; total: number | null };

const MB = 1000 * 1000;

function megabytes(bytes: number): string {
  return (bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0);
}

/** "Download episode" → a progress bar → "Episode saved offline" with a way to remove it. Never by default. */
export function EpisodeDownload({ episode }: { episode: ReaderEpisode }) {
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
    setState(result.ok ? { phase: 'idle' } : { phase: 'idle', error: result.error.message });
  };

  if (state.phase === 'downloading') {
    const { received, total } = state;
    const label = total !== null ? `${megabytes(received)} of ${megabytes(total)} MB` : `${megabytes(received)} MB`;
    return (
      <span className="episode-download" role="status">
        <progress className="episode-progress" aria-label="Episode download" max={total ?? undefined} value={total !== null ? received : undefined} />
        <span className="episode-progress-label">{label}</span>
        <button type="button" className="tool-button" onClick={() => { abort.current?.abort(); abort.current = null; setState({ phase: 'idle' }); }}>
          Cancel
        </button>
      </span>
    );
  }
  if (episode.storedBytes !== null) {
    return (
      <span className="episode-download">
        <span className="episode-saved" role="status">Episode saved offline ({megabytes(episode.storedBytes)} MB)</span>
        <button type="button" className="tool-button" onClick={episode.remove}>
          Remove download
        </button>
      </span>
    );
  }
  return (
    <span className="episode-download">
      <button type="button" className="tool-button" onClick={() => void start()} title="Keep this episode for listening offline">
        Download episode
      </button>
      {state.error ? <span className="episode-error" role="alert">{state.error}</span> : null}
    </span>
  );
}
