/**
 * `@fluentui/react-icons` for the tab tests (jest.config.js maps the package name here). Its index
 * requires every icon, some 20,000 components, which cost about a second of CPU in every test file;
 * the tabs and Fluent read a few dozen. Each icon is read, when first asked for, from the package's
 * own module for its family (`@fluentui/react-icons/svg/<family>`, the same definitions the index
 * gathers); a name that module lacks comes from the whole index (`@fluentui/react-icons/svg`).
 */
const utils = require('@fluentui/react-icons/utils');
const providers = require('@fluentui/react-icons/providers');

const ICON = /^(.+?)\d*(?:Regular|Filled|Light|Color)$/;
let whole;

function icon(name) {
  const family = ICON.exec(name)?.[1];
  if (family) {
    const file = family.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    try {
      const found = require(`@fluentui/react-icons/svg/${file}`)[name];
      if (found) return found;
    } catch {
      // No module of that name: the index has every icon.
    }
  }
  whole ??= require('@fluentui/react-icons/svg');
  return whole[name];
}

module.exports = new Proxy(
  { __esModule: true, ...utils, ...providers },
  {
    get(loaded, name) {
      if (typeof name !== 'string' || name in loaded) return loaded[name];
      loaded[name] = icon(name);
      return loaded[name];
    },
  },
);
