import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Radio, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { POOL_CONDITIONS, POOL_MODES, POOL_REASONS, type OfferInput } from '../../../shared/pool.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { offerCards } from './api.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/selects.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { CardLinesEditor, type PickedCard } from '../../components/CardLinesEditor.tsx';
import { optionsOf } from './poolLabels.ts';

type Values = Omit<OfferInput, 'cardIds'>;

/** 资产入仓: pick the unit's in-use or idle cards and offer them, virtually or into the committee's custody. */
export default function PoolOfferPage() {
  const { t, locale } = useI18n();
  const { me, units } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showError = useFormErrors(form);
  const [unitId, setUnitId] = useState<string | undefined>(me.unitId ?? undefined);
  const [cards, setCards] = useState<PickedCard[]>([]);
  const [cardError, setCardError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const mode = Form.useWatch('mode', form);

  const submit = async () => {
    const v = await form.validateFields();
    if (!cards.length) return setCardError(t('请选择入仓资产', 'Pick the cards to offer'));
    setBusy(true);
    try {
      const { ids } = await offerCards({ ...v, cardIds: cards.map((c) => c.id) });
      message.success(t(`${cards.length} 项资产已入仓`, `${cards.length} item(s) offered`));
      // One item: its page, to add photos and print the 入仓单; several: the unit's listings, each with its page.
      navigate(ids.length === 1 ? `/pool/listings/${ids[0]}` : '/pool?mine=true');
    } catch (err) {
      showError(err);
      setCardError(Object.entries((err as { fields?: Record<string, string> }).fields ?? {}).find(([k]) => k.startsWith('cardIds'))?.[1]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('资产入仓', 'Offer assets to the pool')} back="/pool" />
      <Card>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ mode: 'virtual', reason: 'idle', condition: 'good', limitMonths: 6 }}
          style={{ maxWidth: 900 }}
        >
          {units('pool.offer') === 'all' && (
            <Form.Item label={t('入仓单位', 'Offering unit')} required>
              <UnitSelect
                value={unitId}
                onChange={(v) => {
                  setUnitId(v as string | undefined);
                  setCards([]);
                }}
              />
            </Form.Item>
          )}
          <Form.Item name="mode" label={t('入仓方式', 'Mode')}>
            <Radio.Group options={optionsOf(POOL_MODES, locale)} />
          </Form.Item>
          <Form.Item name="reason" label={t('入仓原因', 'Reason')}>
            <Select options={optionsOf(POOL_REASONS, locale)} style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="condition" label={t('成色', 'Condition')}>
            <Select options={optionsOf(POOL_CONDITIONS, locale)} style={{ width: 320 }} />
          </Form.Item>
          <Form.Item
            name="limitMonths"
            label={t('在仓时限（月）', 'Time limit (months)')}
            extra={t('超过时限无人申请的资产转为拟处置', 'Past the limit with nobody asking, the item is proposed for disposal')}
          >
            <InputNumber min={1} max={36} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="note" label={t('说明', 'Note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item label={t('入仓资产', 'Cards')} required>
            <CardLinesEditor
              type="transfer"
              unitId={unitId}
              value={cards}
              onChange={(v) => {
                setCards(v);
                setCardError(undefined);
              }}
              error={cardError}
            />
          </Form.Item>
          <Popconfirm
            title={t(`确定将 ${cards.length} 项资产入仓？`, `Offer ${cards.length} item(s)?`)}
            description={
              mode === 'physical'
                ? t(
                    '实物入仓后资产交管委会保管（管理单位变更为管委会），登记在资产台账中',
                    "The committee takes custody; the card's ledger records it",
                  )
                : t('资产仍留在本单位，各单位均可在公物仓看到并申请调剂', 'The assets stay here; every unit can see and request them')
            }
            onConfirm={submit}
          >
            <Button type="primary" loading={busy} data-testid="pool-offer-submit">
              {t('确认入仓', 'Offer')}
            </Button>
          </Popconfirm>
        </Form>
      </Card>
    </>
  );
}
