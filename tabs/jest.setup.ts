/** Adds the DOM matchers (toBeInTheDocument, toHaveAccessibleName...) to expect. */
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy* and waitFor resolve as soon as the page gets there; the longer limit only matters on a
// loaded CI machine, where a Fluent dialog's closing transition alone can take more than the default second.
configure({ asyncUtilTimeout: 5000 });
