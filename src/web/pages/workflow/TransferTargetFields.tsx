import { useMemo } from 'react';
import { Col, Form, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { useTransferTarget, useTransferTargets } from './api.ts';

const byLabel = (input: string, option?: { label?: unknown }) =>
  String(option?.label ?? '')
    .toLowerCase()
    .includes(input.toLowerCase());

/**
 * A transfer's receiving unit — any active unit, not only those the writer may read — and, for a
 * transfer between units, the receiving unit's departments, staff and rooms (GET /api/transfer-targets).
 * Changing the receiving unit clears the receiving side, which belonged to the previous one.
 */
export function ReceivingUnitField({ form }: { form: FormInstance }) {
  const { t } = useI18n();
  const units = useTransferTargets();
  return (
    <Form.Item name="counterpartUnitId" label={t('调入单位（单位间调拨时选择）', 'Receiving unit (between units)')}>
      <Select
        allowClear
        placeholder={t('选择单位', 'Select a unit')}
        loading={units.isLoading}
        showSearch={{ filterOption: byLabel }}
        options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.code} ${u.name}` }))}
        onChange={() => form.setFieldsValue({ payload: { departmentId: undefined, custodianId: undefined, roomId: undefined } })}
        data-testid="receiving-unit"
      />
    </Form.Item>
  );
}

/** The receiving unit's department, custodian (filtered to the department) and room. */
export function ReceivingSideFields({ unitId, form }: { unitId: string; form: FormInstance }) {
  const { t } = useI18n();
  const departmentId = Form.useWatch(['payload', 'departmentId'], form) as string | undefined;
  const places = useTransferTarget(unitId);
  const d = places.data;
  const staff = useMemo(
    () =>
      (d?.staff ?? [])
        .filter((s) => !departmentId || s.departmentId === departmentId)
        .map((s) => ({
          value: s.id,
          label: `${s.name}${s.employeeNo ? `（${s.employeeNo}）` : ''}${s.departmentName ? ` · ${s.departmentName}` : ''}`,
        })),
    [d, departmentId],
  );
  const common = { allowClear: true, loading: places.isLoading, showSearch: { filterOption: byLabel } };
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'departmentId']} label={t('调入单位使用部门', 'Receiving department')}>
          <Select
            {...common}
            options={(d?.departments ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onChange={() => form.setFieldValue(['payload', 'custodianId'], undefined)}
            data-testid="receiving-department"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'custodianId']} label={t('调入单位保管人', 'Receiving custodian')}>
          <Select {...common} options={staff} data-testid="receiving-custodian" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'roomId']} label={t('调入单位存放地点', 'Receiving room')}>
          <Select
            {...common}
            options={(d?.rooms ?? []).map((r) => ({
              value: r.id,
              label: `${r.buildingName} ${r.code}${r.name && r.name !== r.code ? ` ${r.name}` : ''}`,
            }))}
            data-testid="receiving-room"
          />
        </Form.Item>
      </Col>
    </>
  );
}
