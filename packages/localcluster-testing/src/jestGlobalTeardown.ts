import { globalTeardown } from './jestGlobalSetup';

/** Jest globalTeardown entry point (see jestGlobalSetup.ts). */
export default globalTeardown;
