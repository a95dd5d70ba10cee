import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../icons/draw-icons';
import { checkIcons } from './icons';
import { APP_PACKAGE_DIR } from './test-support';

const NAMES = { color: 'color.png', outline: 'outline.png' };
/** Drawn once for the file: each drawing supersamples every pixel, most of this file's CPU. */
const COLOR_ICON = drawColorIcon();

function png(width: number, height: number, rgba: readonly [number, number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i += 4) image.data.set(rgba, i);
  return PNG.sync.write(image);
}

describe('checkIcons', () => {
  it('accepts the committed icons, which match what scripts/make-icons.ts draws', () => {
    const committed = { color: readFileSync(path.join(APP_PACKAGE_DIR, 'color.png')), outline: readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png')) };
    expect(checkIcons(committed, NAMES)).toEqual([]);
    // Compare pixels, not bytes: the PNG encoder may change between pngjs versions.
    expect(PNG.sync.read(committed.color).data.equals(PNG.sync.read(COLOR_ICON).data)).toBe(true);
    expect(PNG.sync.read(committed.outline).data.equals(PNG.sync.read(drawOutlineIcon()).data)).toBe(true);
  });

  it('reports wrong sizes and unreadable files', () => {
    expect(checkIcons({ color: png(96, 96, [0, 0, 0, 255]), outline: Buffer.from('not a png') }, NAMES)).toEqual([
      'color.png: must be 192x192 pixels, is 96x96',
      expect.stringMatching(/^outline\.png: not a readable PNG/),
    ]);
    expect(checkIcons({ color: COLOR_ICON, outline: png(32, 31, [255, 255, 255, 255]) }, NAMES)).toEqual(['outline.png: must be 32x32 pixels, is 32x31']);
  });

  it('requires outline pixels to be transparent or opaque white, and some to be visible', () => {
    expect(checkIcons({ color: COLOR_ICON, outline: png(32, 32, [255, 255, 255, 128]) }, NAMES)).toEqual([
      'outline.png: 1024 pixel(s) are neither fully transparent nor opaque white, first at (0, 0) rgba(255, 255, 255, 128)',
      'outline.png: has no visible (white) pixels',
    ]);
    expect(checkIcons({ color: COLOR_ICON, outline: png(32, 32, [0, 0, 0, 0]) }, NAMES)).toEqual(['outline.png: has no visible (white) pixels']);
  });
});
