-- Approval-chain defaults (docs/domain.md §4) and the central allocation standards (docs/domain.md §5, 财资〔2016〕27号).
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

-- Amounts in fen; lives in months. Quotas: ratio of establishment headcount (classified units 150 % for desktops).
INSERT INTO standards (code, jurisdiction, name, category_keywords, cap_fen, min_life_months, quota, effective_from, note) VALUES
  ('desktop', 'central', '台式计算机', ARRAY['台式'], 500000, 72, '{"kind":"per_staff","ratio":1,"classifiedRatio":1.5}', '2016-01-01', '财资〔2016〕27号'),
  ('laptop', 'central', '便携式计算机', ARRAY['便携式计算机','笔记本'], 700000, 72, '{"kind":"per_staff","ratio":0.5}', '2016-01-01', '财资〔2016〕27号'),
  ('printer', 'central', 'A4黑白打印机', ARRAY['打印机'], 120000, 72, '{"kind":"per_staff","ratio":0.8}', '2016-01-01', 'A3+A4 打印机合计不超过编制人数 80%'),
  ('copier', 'central', '复印机', ARRAY['复印机'], 3500000, 72, '{"kind":"per_staff","ratio":0.05}', '2016-01-01', '100 人以内每 20 人 1 台，以上每 30 人 1 台；或 30 万张'),
  ('fax', 'central', '传真机/多功能一体机', ARRAY['传真机','多功能一体机'], 300000, 72, '{"kind":"per_staff","ratio":0.3}', '2016-01-01', '财资〔2016〕27号'),
  ('desk', 'central', '办公桌', ARRAY['办公桌'], 450000, 180, '{"kind":"per_staff","ratio":1}', '2016-01-01', '局级 4,500 元；处级及以下 3,000 元'),
  ('chair', 'central', '办公椅', ARRAY['办公椅','椅'], 150000, 180, '{"kind":"per_staff","ratio":1}', '2016-01-01', '局级 1,500 元；处级及以下 800 元'),
  ('bookcase', 'central', '书柜', ARRAY['书柜'], 200000, 180, '{"kind":"none"}', '2016-01-01', '局级 2,000 元（2 组）；处级及以下 1,200 元（1 组）'),
  ('filing_cabinet', 'central', '文件柜', ARRAY['文件柜'], 200000, 240, '{"kind":"per_staff","ratio":1}', '2016-01-01', '局级 2,000 元；处级及以下 1,000 元'),
  ('secure_cabinet', 'central', '保密柜', ARRAY['保密柜'], 300000, 240, '{"kind":"none"}', '2016-01-01', '财资〔2016〕27号'),
  ('sofa', 'central', '沙发', ARRAY['沙发'], 300000, 180, '{"kind":"none"}', '2016-01-01', '三人 3,000 元；单人 1,500 元'),
  ('conference_table', 'central', '会议桌', ARRAY['会议桌'], 160000, 240, '{"kind":"none"}', '2016-01-01', '每平方米：≤50 m² 1,600 元，50–100 m² 1,200 元，>100 m² 1,000 元'),
  ('meeting_chair', 'central', '会议椅', ARRAY['会议椅'], 80000, 180, '{"kind":"none"}', '2016-01-01', '财资〔2016〕27号')
ON CONFLICT (code, jurisdiction) DO NOTHING;
