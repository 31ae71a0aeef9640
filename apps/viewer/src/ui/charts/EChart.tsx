import { init, type ECharts } from 'echarts/core';
import { useEffect, useRef } from 'react';
import type { ChartOption } from './echartsSetup.js';
import './echartsSetup.js';

export interface EChartProps {
  readonly option: ChartOption;
  readonly className?: string;
  readonly testId?: string;
  /** The chart's accessible name (ECharts draws on a canvas). */
  readonly label: string;
}

/**
 * One ECharts chart on a canvas, sized by its element (CSS sets the size) and following it when
 * the element resizes; options are merged in place so a live update animates rather than redraws.
 */
export function EChart({ option, className, testId, label }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);

  useEffect(() => {
    const host = element.current;
    if (!host) return undefined;
    const instance = init(host, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { lazyUpdate: true });
  }, [option]);

  return <div ref={element} className={className} data-testid={testId} role="img" aria-label={label} />;
}
