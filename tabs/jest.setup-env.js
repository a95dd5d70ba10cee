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
