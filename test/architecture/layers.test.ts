/**
 * The lint zones (eslint.config.mjs) only guard the folders they name: a new folder of the service
 * must be placed in a layer, or nothing checks what it imports.
 */
import fs from 'node:fs';
import path from 'node:path';
import layers from '../../architecture-layers.json';

const root = path.resolve(__dirname, '..', '..');

it('places every folder of bot/src in exactly one layer', () => {
  const folders = fs
    .readdirSync(path.join(root, 'bot', 'src'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `./bot/src/${entry.name}`)
    .sort();
  const placed = [...layers.domain, ...layers.contracts, ...layers.adapters, ...layers.edges, ...layers.composition];

  expect(placed.slice().sort()).toEqual(folders);
  expect(new Set(placed).size).toBe(placed.length);
});
