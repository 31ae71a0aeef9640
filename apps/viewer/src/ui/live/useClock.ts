import { useEffect, useState } from 'react';

function rootFontPx(): number {
  return Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

/** The root font size in px; it follows the screen (theme.css, wall.css), so rows resize with it. */
export function useRootFontPx(): number {
  const [px, setPx] = useState(rootFontPx);
  useEffect(() => {
    const update = () => setPx(rootFontPx());
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return px;
}

/** One clock for every "3 minutes ago"; it stops while there is nothing to age. */
export function useNow(running: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return undefined;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [running, intervalMs]);
  return now;
}
