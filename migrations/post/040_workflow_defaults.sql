-- Approval-chain defaults (docs/domain.md §4).
-- Idempotent: a chain or standard already present (edited by the committee) is left alone.

INSERT INTO approval_chains (document_type)
SELECT t FROM unnest(ARRAY['config_request','procurement','acceptance','requisition','return','change','transfer','lending','disposal','maintenance']) AS t
ON CONFLICT (document_type) DO NOTHING;

-- Steps are inserted only for chains that have none yet, so an emptied or edited chain stays as edited
-- once its row records an editor.
WITH defaults(document_type, step_no, role, scope, label, condition) AS (VALUES
  ('config_request', 1, 'unit_leader', 'applicant_unit', '单位负责人审批', '{}'::jsonb),
  ('config_request', 2, 'asset_office', 'committee', '管委会资产管理处审核', '{}'::jsonb),
  ('config_request', 3, 'finance_bureau', 'finance_bureau', '超标准特别审批（财政局）', '{"overStandard": true}'::jsonb),
  ('requisition', 1, 'unit_admin', 'applicant_unit', '单位资产管理员审批', '{}'::jsonb),
  ('return', 1, 'unit_admin', 'applicant_unit', '单位资产管理员审批', '{}'::jsonb),
  ('change', 1, 'unit_admin', 'applicant_unit', '单位资产管理员审批', '{}'::jsonb),
  ('change', 2, 'unit_finance', 'applicant_unit', '单位财务复核', '{"financial": true}'::jsonb),
  ('transfer', 1, 'unit_leader', 'applicant_unit', '调出单位负责人审批', '{}'::jsonb),
  ('transfer', 2, 'unit_leader', 'counterpart_unit', '调入单位负责人审批', '{"crossUnit": true}'::jsonb),
  ('transfer', 3, 'asset_office', 'committee', '管委会资产管理处审批', '{"crossUnit": true}'::jsonb),
  ('lending', 1, 'unit_leader', 'applicant_unit', '单位负责人审批', '{}'::jsonb),
  ('lending', 2, 'asset_office', 'committee', '管委会资产管理处审批', '{"minItemFen": 10000000, "minBatchFen": 20000000}'::jsonb),
  ('disposal', 1, 'unit_leader', 'applicant_unit', '单位负责人审批', '{}'::jsonb),
  ('disposal', 2, 'asset_office', 'committee', '管委会审批（单价≥10万元或批量≥20万元）', '{"minItemFen": 10000000, "minBatchFen": 20000000}'::jsonb),
  ('disposal', 3, 'finance_bureau', 'finance_bureau', '财政局审批（≥100万元）', '{"minItemFen": 100000000, "minBatchFen": 100000000}'::jsonb),
  ('maintenance', 1, 'unit_admin', 'applicant_unit', '单位资产管理员确认', '{}'::jsonb)
)
INSERT INTO approval_chain_steps (document_type, step_no, role, scope, label, condition)
SELECT d.document_type, d.step_no, d.role, d.scope, d.label, d.condition FROM defaults d
WHERE NOT EXISTS (SELECT 1 FROM approval_chain_steps s WHERE s.document_type = d.document_type)
  AND NOT EXISTS (SELECT 1 FROM approval_chains c WHERE c.document_type = d.document_type AND c.updated_by IS NOT NULL);

-- The central allocation standards are shipped by 180_standards_as_written.sql (the standards module).
