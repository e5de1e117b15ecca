/**
 * Podcast episodes offline, on demand: "Download episode" fetches the audio in Range chunks with a progress bar;
 * with the feed server gone and the network blocked, the reader's player plays the stored copy.
 */
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { expect, screenshotDir, test } from './fixtures';
import { goOffline } from './support/actions';

const SAMPLE_RATE = 8000;
const DATA_BYTES = 6 * 1000 * 1000;

/** A valid WAV: 44-byte RIFF header, then 8-bit mono PCM silence (128), 750 s long. */
function silentWav(): Buffer {
  const wav = Buffer.alloc(44 + DATA_BYTES, 128);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + DATA_BYTES, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE, 28); // byte rate
  wav.writeUInt16LE(1, 32); // block align
  wav.writeUInt16LE(8, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(DATA_BYTES, 40);
  return wav;
}

const wav = silentWav();
let server: FeedServer;
let feedServerOrigin: string;
/** The second chunk waits for this, so the test can see (and photograph) the download half done. */
let releaseSecondChunk: () => void = () => undefined;
const secondChunkGate = new Promise<void>((resolve) => {
  releaseSecondChunk = resolve;
});

function sendRange(range: string | undefined, res: ServerResponse): void {
  const match = /^bytes=(\d+)-(\d+)$/.exec(range ?? '');
  if (!match) {
    res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(wav.length) });
    res.end(wav);
    return;
  }
  const start = Number(match[1]);
  const end = Math.min(Number(match[2]), wav.length - 1);
  res.writeHead(206, { 'content-type': 'audio/wav', 'content-range': `bytes ${start}-${end}/${wav.length}`, 'content-length': String(end - start + 1) });
  res.end(wav.subarray(start, end + 1));
}

test.beforeAll(async () => {
  server = await startFeedServer();
  feedServerOrigin = server.origin;
  server.route('/episodes/one.wav', async (req, res) => {
    if (!(req.headers.range ?? '').startsWith('bytes=0-')) await secondChunkGate;
    sendRange(req.headers.range, res);
  });
  server.setFeed(
    '/podcast.xml',
    `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Podcast</title><link>${server.origin}/</link><description>Episodes</description>
<item><title>Episode 1: the bridge</title><link>${server.origin}/episodes/one</link><guid isPermaLink="false">ep1</guid>
<pubDate>${new Date().toUTCString()}</pubDate><description><![CDATA[<p>We talk about the harbour bridge.</p>]]></description>
<enclosure url="${server.origin}/episodes/one.wav" type="audio/wav" length="${wav.length}"/></item>
</channel></rss>`,
  );
});
test.afterAll(async () => {
  releaseSecondChunk();
  await server.close();
});

/** The episode player in the reader frame, read from the parent page (the frame runs no scripts). */
function readerAudio(page: Page): Promise<{ src: string } | null> {
  return page.evaluate(() => {
    const audio = document.querySelector<HTMLIFrameElement>('iframe.reader-frame')?.contentDocument?.querySelector('audio');
    return audio ? { src: audio.getAttribute('src') ?? '' } : null;
  });
}

/** Loads the player's source and resolves with its duration (NaN when it cannot be loaded). */
function loadedDuration(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const audio = document.querySelector<HTMLIFrameElement>('iframe.reader-frame')?.contentDocument?.querySelector('audio');
        if (!audio) return resolve(Number.NaN);
        audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
        audio.addEventListener('error', () => resolve(Number.NaN), { once: true });
        audio.load();
      }),
  );
}

test('an episode is downloaded on demand with a progress bar, then plays from the store offline', async ({ page, context, browserHost }) => {
  await page.goto('/');
  await page.keyboard.press('a');
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  await dialog.getByLabel('Feed or site address').fill(server.url('/podcast.xml'));
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(dialog).toBeHidden();

  const list = page.getByRole('listbox', { name: /Harbour Podcast articles/ });
  await list.getByRole('option', { name: /Episode 1: the bridge/ }).click();
  const reader = page.frameLocator('iframe.reader-frame');
  await expect(reader.locator('.content')).toContainText('harbour bridge');
  // Not downloaded by default: the player streams from the web until asked.
  expect((await readerAudio(page))?.src).toBe(server.url('/episodes/one.wav'));
  expect(server.requestsTo('/episodes/one.wav')).toHaveLength(0);

  await page.getByRole('button', { name: 'Download episode' }).click();
  const progress = page.getByRole('progressbar', { name: 'Episode download' });
  await expect(page.getByText('4.2 MB of 6 MB')).toBeVisible();
  await expect(progress).toHaveAttribute('value', String(4 * 1024 * 1024));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(screenshotDir, `episode-download-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  releaseSecondChunk();
  await expect(page.getByText(/Episode saved offline/)).toBeVisible({ timeout: 15_000 });
  await expect(progress).toBeHidden();
  await expect(page.getByRole('button', { name: 'Remove download' })).toBeVisible();
  expect(server.requestsTo('/episodes/one.wav')).toHaveLength(2);
  await expect.poll(async () => (await readerAudio(page))?.src ?? '').toMatch(/^blob:/);

  const leaked = await goOffline(page, context, { appOrigin: browserHost.url, feedServerOrigin, closeFeedServer: () => server.close() });

  await page.getByRole('navigation', { name: 'Feeds' }).getByRole('button', { name: /^Harbour Podcast/ }).click();
  await list.getByRole('option', { name: /Episode 1: the bridge/ }).click();
  await expect(page.getByText(/Episode saved offline/)).toBeVisible();
  await expect.poll(async () => (await readerAudio(page))?.src ?? '').toMatch(/^blob:/);
  expect(await loadedDuration(page)).toBeCloseTo(DATA_BYTES / SAMPLE_RATE, 0);

  // Removing the download puts the web address back.
  await page.getByRole('button', { name: 'Remove download' }).click();
  await expect(page.getByRole('button', { name: 'Download episode' })).toBeVisible();
  await expect.poll(async () => (await readerAudio(page))?.src ?? '').toBe(`${feedServerOrigin}/episodes/one.wav`);
  expect(leaked).toEqual([]);
});
