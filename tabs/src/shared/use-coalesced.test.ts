/** @jest-environment jsdom */
import { renderHook } from '@testing-library/react';
import { useCoalesced } from './use-coalesced';

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('useCoalesced', () => {
  it('runs once for a call, and once more for everything called while it ran', async () => {
    const finishers: (() => void)[] = [];
    const run = jest.fn(() => new Promise<void>((resolve) => finishers.push(resolve)));
    const { result } = renderHook(() => useCoalesced(run));

    result.current();
    result.current();
    result.current();
    result.current();
    expect(run).toHaveBeenCalledTimes(1);

    finishers.shift()?.();
    await settle();
    expect(run).toHaveBeenCalledTimes(2);

    finishers.shift()?.();
    await settle();
    expect(run).toHaveBeenCalledTimes(2);

    // Idle again: the next call runs at once.
    result.current();
    expect(run).toHaveBeenCalledTimes(3);
  });
});
