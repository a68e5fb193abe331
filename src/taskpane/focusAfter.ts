import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Focus for the result of an action: the button that started it is disabled or gone by the time it is done, and
 * the focus would drop to <body>. `request()` moves the focus to the element of `ref` once it is rendered.
 */
export function useFocusAfter<T extends HTMLElement>(): [React.RefObject<T>, () => void] {
  const ref = useRef<T>(null);
  const [pending, setPending] = useState(0);
  useEffect(() => {
    if (pending) ref.current?.focus();
  }, [pending]);
  const request = useCallback(() => setPending((n) => n + 1), []);
  return [ref, request];
}
