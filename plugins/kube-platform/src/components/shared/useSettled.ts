import { useEffect, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';

/** Wait after the last change of a form before asking the backend. */
export const DEFAULT_DEBOUNCE_MS = 500;

/** A field's `ui:options.debounceMs`, or {@link DEFAULT_DEBOUNCE_MS}. */
export function debounceMsOf(
  uiSchema: { 'ui:options'?: Record<string, unknown> } | undefined,
): number {
  return Number(uiSchema?.['ui:options']?.debounceMs ?? DEFAULT_DEBOUNCE_MS);
}

/** `value`, settled for `delayMs` after its last change; undefined until then. */
export function useSettled<T>(value: T, delayMs: number): T | undefined {
  const [settled, setSettled] = useState<T | undefined>(undefined);
  useDebounce(() => setSettled(value), delayMs, [value]);
  return settled;
}

/**
 * The scaffolder runs a field's validator only for keys present in the form
 * data: puts the field's key in, still undefined, so the validator runs even
 * when the user never touches the field. Once: RJSF hands out a new onChange
 * on every render.
 */
export function useKeyInFormData(
  formData: unknown,
  onChange: (value: undefined) => void,
) {
  const keyed = useRef(false);
  useEffect(() => {
    if (!keyed.current && formData === undefined) onChange(undefined);
    keyed.current = true;
  }, [formData, onChange]);
}
