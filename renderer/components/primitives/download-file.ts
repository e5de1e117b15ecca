/** Saves text as a file through the browser's download (Electron shows its save dialog for it). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the blob once started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `2026-11-25`, for file names. */
export function dateStamp(date: Date = new Date()): string {
  return date.toISOString().slice(0, 10);
}
