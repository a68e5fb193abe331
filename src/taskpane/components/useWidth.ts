import { useEffect, useRef, useState } from 'react';

/**
 * Width of an element, following resizes (ResizeObserver where available). `fallback` until the first layout,
 * and where there is none (jsdom measures 0).
 */
export function useWidth<T extends HTMLElement, F extends number | null>(fallback: F): [React.RefObject<T>, number | F] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState<number | F>(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
