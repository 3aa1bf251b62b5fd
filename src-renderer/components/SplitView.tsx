import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

interface SplitViewProps {
  direction: 'row' | 'column';
  /** Initial share of the first child, in percent. */
  initial?: number;
  min?: number;
  max?: number;
  label: string;
  first: ReactNode;
  second: ReactNode;
}

/**
 * Two regions with a divider that can be dragged, or moved with the arrow keys once focused
 * (Home/End jump to the limits), so resizing works without a mouse.
 */
export function SplitView({
  direction,
  initial = 50,
  min = 15,
  max = 85,
  label,
  first,
  second,
}: SplitViewProps) {
  const [share, setShare] = useState(initial);
  const container = useRef<HTMLDivElement>(null);
  const clamp = useCallback((value: number) => Math.min(max, Math.max(min, value)), [min, max]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const box = container.current?.getBoundingClientRect();
    if (!box) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => {
      const offset = direction === 'row' ? e.clientX - box.left : e.clientY - box.top;
      const size = direction === 'row' ? box.width : box.height;
      setShare(clamp((offset / size) * 100));
    };
    const target = event.currentTarget;
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 10 : 2;
    const back = direction === 'row' ? 'ArrowLeft' : 'ArrowUp';
    const forward = direction === 'row' ? 'ArrowRight' : 'ArrowDown';
    if (event.key === back) setShare((s) => clamp(s - step));
    else if (event.key === forward) setShare((s) => clamp(s + step));
    else if (event.key === 'Home') setShare(min);
    else if (event.key === 'End') setShare(max);
    else return;
    event.preventDefault();
  };

  return (
    <div ref={container} className={`split split-${direction}`}>
      <div className="split-part" style={{ flexBasis: `${share}%` }}>
        {first}
      </div>
      <div
        className="split-divider"
        role="separator"
        aria-label={label}
        aria-orientation={direction === 'row' ? 'vertical' : 'horizontal'}
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={Math.round(share)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
      />
      <div className="split-part" style={{ flexBasis: `${100 - share}%` }}>
        {second}
      </div>
    </div>
  );
}
