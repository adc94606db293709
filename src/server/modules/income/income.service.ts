// 上缴国库 (docs/domain.md §4a): the unit's finance officer records a turnover of a document's
// income — date, amount, voucher — in parts if need be. Nobody turns over more than was received;
// a date in a closed month of the books is booked in the first open month (补记), as postings are.
// One transaction: the turnover and its line on the document's history commit together.
import type { IncomeDetail, TurnoverInput } from '../../../shared/income.contracts.ts';
import { fenToYuan } from '../../../shared/money.ts';
import { type Actor, inScope, unitScope } from '../../platform/auth/actor.ts';
import { businessToday } from '../../platform/clock.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { booksOf, firstOpenMonth } from '../finance/index.ts';
import { lockIncomeDocument, noteIncomeTurnover } from '../workflow/index.ts';
import { getIncome, incomeItem } from './income.queries.ts';
import { incomeTurnovers } from './income.tables.ts';

/** The day the books take a turnover paid on `paidOn`: the first day of the first open month if that month is closed. */
export function bookedOn(paidOn: string, firstOpen: string | null): string {
  const openFrom = firstOpen ? `${firstOpen}-01` : null;
  return openFrom && paidOn < openFrom ? openFrom : paidOn;
}

export async function recordTurnover(q: Queryable, actor: Actor, documentId: string, input: TurnoverInput): Promise<IncomeDetail> {
  const scope = unitScope(actor, 'income.turnover');
  await withTx(q, async (tx) => {
    // Turnovers of one document are serialised: the balance read below cannot be spent twice.
    await lockIncomeDocument(tx, documentId);
    const item = await incomeItem(tx, documentId, inScope('x.unit_id', scope));
    if (!item) throw notFound('收入单据');
    if (input.paidOn > businessToday()) throw invalid({ paidOn: '上缴日期不能晚于今天' });
    if (input.paidOn < item.receivedOn) throw invalid({ paidOn: `上缴日期早于收入取得日期 ${item.receivedOn}` });
    if (input.amountFen > item.outstandingFen) {
      const message = `上缴金额 ${fenToYuan(input.amountFen)} 元超过尚未上缴的 ${fenToYuan(item.outstandingFen)} 元（收入 ${fenToYuan(item.amountFen)} 元，已上缴 ${fenToYuan(item.turnedOverFen)} 元）`;
      throw new AppError('rule_violation', message, { amountFen: message });
    }
    const books = (await booksOf(tx, [item.unitId])).get(item.unitId)!;
    const open = firstOpenMonth(books);
    const booked = bookedOn(input.paidOn, open);
    await tx.insert(incomeTurnovers).values({
      unitId: item.unitId,
      documentId,
      amountFen: input.amountFen,
      paidOn: input.paidOn,
      bookedOn: booked,
      voucherNo: input.voucherNo,
      note: input.note ?? null,
      recordedBy: actor.userId,
    });
    const late = booked !== input.paidOn ? `；${input.paidOn.slice(0, 7)} 已结账，记入 ${booked.slice(0, 7)}` : '';
    await noteIncomeTurnover(
      tx,
      actor,
      { id: documentId, unitId: item.unitId },
      `${item.kind}上缴国库 ${fenToYuan(input.amountFen)} 元，缴款日期 ${input.paidOn}，凭证号 ${input.voucherNo}${late}`,
    );
  });
  return getIncome(q, actor, documentId);
}
