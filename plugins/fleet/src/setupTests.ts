import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole pages (material-table, lazily loaded extensions) render slowly on a busy 2-core
// machine. These limits bound how long a test waits, not what it asserts.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);
