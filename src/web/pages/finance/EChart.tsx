import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/** One ECharts instance bound to a div; `onClick` receives the clicked item's data. */
export function EChart({
  option,
  onClick,
  height = 300,
}: {
  option: echarts.EChartsOption;
  onClick?: (params: { data?: unknown; name?: string; dataIndex?: number; seriesName?: string }) => void;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    chart.current = echarts.init(ref.current);
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.off('click');
    if (onClick) c.on('click', (p) => onClick(p as never));
  }, [onClick]);
  return <div ref={ref} style={{ width: '100%', height }} />;
}
