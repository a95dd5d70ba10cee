/** Adds the DOM matchers (toBeInTheDocument, toHaveAccessibleName...) to expect. */
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy* and waitFor resolve as soon as the page gets there; the longer limit only matters on a
// loaded machine, where a Fluent dialog's closing transition (and tabster lifting the aria-hidden it
// put on the page, on its own timer) has taken more than 5 s.
configure({ asyncUtilTimeout: 15_000 });
