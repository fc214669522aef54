/**
 * End-to-end tests of Kube Platform; this package exports nothing.
 *
 * @packageDocumentation
 */
export {};
