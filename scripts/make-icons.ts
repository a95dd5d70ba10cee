/**
 * Regenerates appPackage/color.png and appPackage/outline.png (run: npx tsx scripts/make-icons.ts).
 * The PNGs are committed; this script is how to change them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { drawColorIcon, drawOutlineIcon } from './icons/draw-icons';

const appPackageDir = path.resolve(__dirname, '..', 'appPackage');
writeFileSync(path.join(appPackageDir, 'color.png'), drawColorIcon());
writeFileSync(path.join(appPackageDir, 'outline.png'), drawOutlineIcon());
console.log(`Wrote color.png and outline.png in ${appPackageDir}`);
