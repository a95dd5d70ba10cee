/**
 * `@fluentui/react-components` for the tab tests (jest.config.js maps the package name here). Its
 * CommonJS index requires all of its 58 component packages as it loads, which cost a page test more
 * CPU than its own tests; a page uses a dozen. Each export is read, when first asked for, from the
 * package the index itself takes it from: the map comes from the index's own text (`get Name () {
 * return _pkg.Name; }` and `const _pkg = require("@fluentui/…")`), so it follows the installed version.
 *
 * Before a package, those of its dependencies that the index loads earlier are loaded, as the index
 * (and the browser bundle) would: loaded before react-dialog, react-drawer leaves an open Drawer
 * aria-hidden once a Dialog has closed, in jsdom.
 */
const fs = require('node:fs');
const path = require('node:path');

const indexFile = path.join(path.dirname(require.resolve('@fluentui/react-components/package.json')), 'lib-commonjs', 'index.cjs');
const source = fs.readFileSync(indexFile, 'utf8');

const packageOf = new Map([...source.matchAll(/^const (_\w+) = require\("([^"]+)"\);$/gm)].map(([, variable, name]) => [variable, name]));
const exportsOf = [...source.matchAll(/get (\w+) \(\) \{\s*return (_\w+)\.(\w+);\s*\}/g)];
if (packageOf.size === 0 || exportsOf.length === 0) throw new Error(`jest.react-components.js cannot read ${indexFile}: its layout changed`);

const order = [...packageOf.values()];
const loaded = new Set();

function load(name) {
  if (!loaded.has(name)) {
    const { dependencies = {} } = require(`${name}/package.json`);
    for (const earlier of order.slice(0, order.indexOf(name))) if (earlier in dependencies) load(earlier);
    loaded.add(name);
  }
  return require(name);
}

const lazy = { __esModule: true };
for (const [, name, variable, member] of exportsOf) {
  const from = packageOf.get(variable);
  if (!from) throw new Error(`jest.react-components.js: ${name} comes from ${variable}, which ${indexFile} does not require`);
  Object.defineProperty(lazy, name, {
    enumerable: true,
    configurable: true,
    get() {
      const value = load(from)[member];
      Object.defineProperty(lazy, name, { value, enumerable: true });
      return value;
    },
  });
}

module.exports = lazy;
