import { InputNumber } from 'antd';
import type { InputNumberProps } from 'antd';
import { formatYuan, yuanToFen, type Fen } from '../../shared/money.ts';

/** ¥1,234.56 from integer fen; a dash when the amount is missing. */
export function Money({ fen, plain, className }: { fen: Fen | null | undefined; plain?: boolean; className?: string }) {
  if (fen === null || fen === undefined) return <span className={className}>—</span>;
  // formatYuan puts the minus first; the sign goes before the ¥ too: -¥0.05.
  const text = formatYuan(fen);
  const neg = text.startsWith('-');
  return (
    <span className={`money ${className ?? ''}`}>
      {neg ? '-' : ''}
      {plain ? '' : '¥'}
      {neg ? text.slice(1) : text}
    </span>
  );
}

export interface YuanInputProps extends Omit<InputNumberProps<number>, 'value' | 'onChange' | 'precision'> {
  /** Amount in fen. */
  value?: Fen | null;
  /** Called with fen (null when cleared). */
  onChange?: (fen: Fen | null) => void;
}

/** An amount field typed in yuan (2 decimals) whose value is fen, so it plugs into Form.Item directly. */
export function YuanInput({ value, onChange, style, ...rest }: YuanInputProps) {
  return (
    <InputNumber<number>
      prefix="¥"
      precision={2}
      step={1}
      style={{ width: '100%', ...style }}
      {...rest}
      value={value === null || value === undefined ? null : value / 100}
      onChange={(v) => {
        if (v === null || v === undefined || Number.isNaN(v)) return onChange?.(null);
        try {
          onChange?.(yuanToFen(v));
        } catch {
          onChange?.(null);
        }
      }}
    />
  );
}

export default Money;
