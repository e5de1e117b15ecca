import { describe, expect, it } from 'vitest';
import { fitPaneWidths, maxPaneWidth, MIN_LIST, MIN_READER, MIN_SIDEBAR } from '../../../../../renderer/components/panes/pane-widths';

describe('fitPaneWidths', () => {
  it('keeps stored widths that fit the window', () => {
    expect(fitPaneWidths({ sidebar: 260, list: 380 }, 1400)).toEqual({ sidebar: 260, list: 380 });
  });

  it('keeps the minimum widths of the sidebar and the list', () => {
    expect(fitPaneWidths({ sidebar: 20, list: 40 }, 1400)).toEqual({ sidebar: MIN_SIDEBAR, list: MIN_LIST });
  });

  it('shrinks the list, then the sidebar, so the reader keeps its minimum', () => {
    const wide = fitPaneWidths({ sidebar: 300, list: 700 }, 1200);
    expect(wide.sidebar).toBe(300);
    expect(1200 - wide.sidebar - wide.list).toBe(MIN_READER);
    expect(fitPaneWidths({ sidebar: 400, list: 500 }, 800)).toEqual({ sidebar: MIN_SIDEBAR, list: MIN_LIST });
  });

  it('fits all three panes in an 800 px window', () => {
    const fitted = fitPaneWidths({ sidebar: 260, list: 380 }, 800);
    expect(fitted.sidebar + fitted.list + MIN_READER).toBeLessThanOrEqual(800);
  });
});

describe('maxPaneWidth', () => {
  it('leaves the reader its minimum', () => {
    expect(maxPaneWidth('list', { sidebar: 240, list: 300 }, 1200)).toBe(1200 - 240 - MIN_READER);
    expect(maxPaneWidth('sidebar', { sidebar: 240, list: 300 }, 1200)).toBe(1200 - MIN_LIST - MIN_READER);
  });
});
