/**
 * Runs before each tabs test file, in the jsdom global. jsdom lacks a few Web APIs that the
 * libraries (not our code) touch at import time; our own code receives fakes explicitly.
 */
const { TextDecoder, TextEncoder } = require('node:util');

if (typeof globalThis.TextEncoder === 'undefined') {
  globalThis.TextEncoder = TextEncoder;
  globalThis.TextDecoder = TextDecoder;
}

// teams-js fetches validDomains.json when it is first imported. A test that lets the real module
// load must not reach the network, and one that forgets to fake the API must fail, not hang.
if (typeof globalThis.fetch === 'undefined') {
  globalThis.fetch = (input) => Promise.reject(new Error(`no network in tabs tests: ${String(input)}`));
}

// Fluent's MessageBar watches its own width (to reflow its actions); jsdom has no layout to observe.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// jsdom's getComputedStyle matches every rule of every style sheet against the element, and the role
// queries call it for every candidate and its ancestors (is it hidden? what is its name?). Fluent
// inserts thousands of atomic rules, which made selector matching about half of a page test's CPU.
// What the tests read of style is whether an element is hidden (display: none, visibility), so only
// rules that hide go into the sheet. Leaving out another display value could only hide more (a test
// would fail, not pass wrongly); `content` is left out too, since jsdom answers a pseudo-element's
// style with the element's own. Measured: six page tests in one process, 17.2 s before, 13.2 s after.
const STYLE_QUERIES_READ = /(?:^|[{;\s])(?:display\s*:\s*none|visibility\s*:)/;
const insertRule = CSSStyleSheet.prototype.insertRule;
CSSStyleSheet.prototype.insertRule = function insertRuleReadByQueries(rule, index) {
  return STYLE_QUERIES_READ.test(rule) ? insertRule.call(this, rule, index) : (index ?? this.cssRules.length);
};

// React's development build records where each element was created: an Error per JSX element, whose
// stack V8 captures at once. Jest's jsdom environment raises the frame limit to 100, and React's stacks
// are deep, so capturing them cost about a tenth of the tab tests' CPU. Node's own default of 10
// frames still reaches from a failing assertion back into the test.
Error.stackTraceLimit = 10;
