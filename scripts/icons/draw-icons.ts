import { PNG } from 'pngjs';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from '../package/icons';

/**
 * The Rounds icon: a clipboard (rounding list) with a medical cross, drawn from simple geometry so it
 * can be regenerated without an image editor. The glyph is designed on a 32x32 grid with whole-unit
 * strokes, so the 32x32 outline icon is pixel-exact without anti-aliasing.
 */

type Rgba = readonly [number, number, number, number];
type Paint = (x: number, y: number) => Rgba;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  radius: number;
}

/** Brand color, also the manifest's accentColor (#0F766E, a deep teal). */
export const BRAND: Rgba = [15, 118, 110, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

const BOARD_OUTER: Box = { x0: 7, y0: 6, x1: 25, y1: 29, radius: 3 };
const BOARD_INNER: Box = { x0: 9, y0: 8, x1: 23, y1: 27, radius: 1.5 };
const CLIP: Box = { x0: 12, y0: 3, x1: 20, y1: 9, radius: 1.5 };
const CROSS_VERTICAL: Box = { x0: 14, y0: 13, x1: 18, y1: 23, radius: 0 };
const CROSS_HORIZONTAL: Box = { x0: 11, y0: 16, x1: 21, y1: 20, radius: 0 };

function inside(box: Box, x: number, y: number): boolean {
  if (x < box.x0 || x > box.x1 || y < box.y0 || y > box.y1) return false;
  // Distance to the nearest point of the box shrunk by the radius: a rounded corner is a circle.
  const cx = Math.min(Math.max(x, box.x0 + box.radius), box.x1 - box.radius);
  const cy = Math.min(Math.max(y, box.y0 + box.radius), box.y1 - box.radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= box.radius ** 2;
}

/** The glyph in 32-unit design coordinates. */
function inGlyph(x: number, y: number): boolean {
  const board = inside(BOARD_OUTER, x, y) && !inside(BOARD_INNER, x, y);
  return board || inside(CLIP, x, y) || inside(CROSS_VERTICAL, x, y) || inside(CROSS_HORIZONTAL, x, y);
}

/** Renders `paint` with samples x samples points per pixel (1 = no anti-aliasing). */
function render(size: number, samples: number, paint: Paint): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Premultiplied sums, so edges blend toward transparency rather than toward black.
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [sr, sg, sb, sa] = paint(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
          r += sr * sa;
          g += sg * sa;
          b += sb * sa;
          a += sa;
        }
      }
      const offset = (py * size + px) * 4;
      png.data[offset] = a === 0 ? 0 : Math.round(r / a);
      png.data[offset + 1] = a === 0 ? 0 : Math.round(g / a);
      png.data[offset + 2] = a === 0 ? 0 : Math.round(b / a);
      png.data[offset + 3] = Math.round(a / (samples * samples));
    }
  }
  return PNG.sync.write(png);
}

/** 192x192: a brand-colored rounded square with the white glyph in its central 128 pixels. */
export function drawColorIcon(): Buffer {
  const size = COLOR_ICON_SIZE;
  const background: Box = { x0: 0, y0: 0, x1: size, y1: size, radius: 40 };
  const scale = 4; // 32 design units -> 128 px, leaving a 32 px margin on each side
  const margin = (size - OUTLINE_ICON_SIZE * scale) / 2;
  return render(size, 4, (x, y) => {
    if (!inside(background, x, y)) return CLEAR;
    return inGlyph((x - margin) / scale, (y - margin) / scale) ? WHITE : BRAND;
  });
}

/** 32x32: the white glyph on a fully transparent background, alpha only 0 or 255 as Teams requires. */
export function drawOutlineIcon(): Buffer {
  return render(OUTLINE_ICON_SIZE, 1, (x, y) => (inGlyph(x, y) ? WHITE : CLEAR));
}
