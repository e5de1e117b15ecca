/**
 * Windows has no dock badge: the taskbar button gets a small overlay instead. A dot (drawn here, so no extra asset
 * ships) says "there is something unread"; the count itself is in the overlay's accessible description and the tray.
 */
import type { Translate } from '../shared/i18n/translator';

export const OVERLAY_SIZE = 16;

/** A filled, anti-aliased circle as a BGRA bitmap (nativeImage.createFromBitmap's format). */
export function dotBitmap(size: number = OVERLAY_SIZE, rgb: readonly [number, number, number] = [0xd9, 0x3a, 0x2b]): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = size / 2;
  const radius = size / 2 - 0.5;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre);
      const coverage = Math.max(0, Math.min(1, radius - distance + 0.5));
      const offset = (y * size + x) * 4;
      // Premultiplied BGRA.
      pixels[offset] = Math.round(rgb[2] * coverage);
      pixels[offset + 1] = Math.round(rgb[1] * coverage);
      pixels[offset + 2] = Math.round(rgb[0] * coverage);
      pixels[offset + 3] = Math.round(255 * coverage);
    }
  }
  return pixels;
}

export function overlayDescription(count: number, t: Translate): string {
  return count > 0 ? t('menu.tray.unread', { count }) : '';
}
