import { PNG } from 'pngjs';

/** Sizes Teams requires: a full-color 192x192 icon and a 32x32 white-on-transparent outline. */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

export interface IconFiles {
  color: Buffer;
  outline: Buffer;
}

/**
 * Neither `teamsapp` nor the schema looks inside the icons, but Teams rejects the package at upload when
 * they are wrong, so check them here by decoding the pixels.
 */
export function checkIcons(icons: IconFiles, names: { color: string; outline: string }): string[] {
  const problems: string[] = [];
  const color = decode(icons.color, names.color, problems);
  if (color) checkSize(color, COLOR_ICON_SIZE, names.color, problems);
  const outline = decode(icons.outline, names.outline, problems);
  if (outline && checkSize(outline, OUTLINE_ICON_SIZE, names.outline, problems)) {
    checkOutlinePixels(outline, names.outline, problems);
  }
  return problems;
}

function decode(data: Buffer, name: string, problems: string[]): PNG | undefined {
  try {
    return PNG.sync.read(data);
  } catch (error) {
    problems.push(`${name}: not a readable PNG (${String(error)})`);
    return undefined;
  }
}

function checkSize(png: PNG, size: number, name: string, problems: string[]): boolean {
  if (png.width === size && png.height === size) return true;
  problems.push(`${name}: must be ${size}x${size} pixels, is ${png.width}x${png.height}`);
  return false;
}

/** Teams tints the outline icon itself: each pixel must be fully transparent or opaque white. */
function checkOutlinePixels(png: PNG, name: string, problems: string[]): void {
  let offending = 0;
  let first: string | undefined;
  let visible = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
    if (a === 0) continue;
    if (a === 255 && r === 255 && g === 255 && b === 255) {
      visible += 1;
      continue;
    }
    offending += 1;
    const pixel = i / 4;
    first ??= `(${pixel % png.width}, ${Math.floor(pixel / png.width)}) rgba(${r}, ${g}, ${b}, ${a})`;
  }
  if (offending > 0) {
    problems.push(`${name}: ${offending} pixel(s) are neither fully transparent nor opaque white, first at ${first}`);
  }
  if (visible === 0) problems.push(`${name}: has no visible (white) pixels`);
}
