import { useEffect, useRef, type ReactNode } from 'react';

/** The screen's h1; takes focus when the screen opens (unless `focus` is false) so keyboard users start there. */
export function ScreenHeading({ children, focus = true, className }: { children: ReactNode; focus?: boolean; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: true });
  }, [focus]);
  return (
    <h1 ref={ref} tabIndex={-1} className={className ?? 'screen-title'}>
      {children}
    </h1>
  );
}
