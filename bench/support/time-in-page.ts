/**
 * Timing an action inside the page (bench/ui.ts, bench/chromium-sync.ts): performance.now() from the action to a DOM
 * condition and to the frame after it, so Playwright's round trips are not in the figures.
 */
import type { Page } from '@playwright/test';

export interface Timed {
  /** Action to the DOM condition. */
  present: number;
  /** Action to the start of the next frame (the one that paints it). */
  frame: number;
}

/**
 * In the page: runs `act`, then resolves when `done` holds (checked on every DOM mutation and every ms). Both are
 * source text put into the evaluated expression (the app's CSP forbids eval inside the page; Playwright's own
 * evaluation is not subject to it).
 */
export function timeInPage(page: Page, act: string, done: string): Promise<Timed> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const started = performance.now();
    let finished = false;
    const check = () => {
      if (finished || !(${done})) return;
      finished = true;
      const present = performance.now() - started;
      observer.disconnect();
      clearInterval(poll);
      document.removeEventListener('load', check, true);
      requestAnimationFrame(() => resolve({ present, frame: performance.now() - started }));
    };
    // Frames load their srcdoc without touching the outer DOM: the load listener and the poll catch those.
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    document.addEventListener('load', check, true);
    const poll = setInterval(check, 1);
    setTimeout(() => { if (!finished) reject(new Error('timed out waiting for ' + ${JSON.stringify(done)})); }, 20000);
    { ${act} }
    check();
  })`) as Promise<Timed>;
}
