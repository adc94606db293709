// What an edit of an O&M contract may not change once a month is settled (docs/domain.md §11): a
// settled month is one whose scorecard is locked, so its fee and penalty lines are on the vendor's
// statement. The month's fee is the amount ÷ the months of the period, and the payment rule prices
// the year those months count in; so with a settled month the period must still cover it, the fee
// must stay what was booked, and the payment rule stays. The SLA, business hours, inspection
// schedule, scorecard rules and rooms apply from now on (deadlines are fixed at the report, a locked
// scorecard never changes, future rounds are rescheduled), so they may change.
import type { PaymentRule } from '../../../shared/machinerooms.contracts.ts';
import { formatYuan } from '../../../shared/money.ts';
import { monthsBetween } from './om.month.ts';

export interface SettledTerms {
  startsOn: string;
  endsOn: string;
  amountFen: number;
  paymentRule: PaymentRule;
}

const monthlyFee = (t: SettledTerms) => Math.round(t.amountFen / monthsBetween(t.startsOn, t.endsOn));

/** Field → Chinese reason for each change the settled months forbid; empty when the edit may go ahead. */
export function settledMonthRefusals(before: SettledTerms, after: SettledTerms, settled: string[]): Record<string, string> {
  const f: Record<string, string> = {};
  if (!settled.length) return f;
  const first = settled[0];
  const last = settled[settled.length - 1];
  const span = first === last ? first : `${first} 至 ${last}`;
  if (after.startsOn.slice(0, 7) > first) f.startsOn = `${first} 已结算，合同起始日不能晚于该月`;
  if (after.endsOn.slice(0, 7) < last) f.endsOn = `${last} 已结算，合同终止日不能早于该月`;
  if (!f.startsOn && !f.endsOn && monthlyFee(after) !== monthlyFee(before))
    f.amountFen = `${span} 已结算，每月服务费（金额 ÷ 期限月数）须保持 ${formatYuan(monthlyFee(before))} 元，现为 ${formatYuan(monthlyFee(after))} 元`;
  if (JSON.stringify(after.paymentRule) !== JSON.stringify(before.paymentRule)) f.paymentRule = `${span} 已结算，付款规则不能再修改`;
  return f;
}
