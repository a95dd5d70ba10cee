import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The package version, read once (works from src/ under tsx/jest and from dist/). */
export const version: string = (JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
