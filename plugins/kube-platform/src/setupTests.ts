import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The full suite runs beside real clusters on two cores: give renders room.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
