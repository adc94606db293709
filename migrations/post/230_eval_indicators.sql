-- The shipped indicator system of the utilisation evaluation (资产使用效益评价, docs/domain.md §11):
-- ten indicators, weights adding up to 100, from the year 2000 on. A city edits them in the
-- evaluation pages (each edit is a new row from a year on); this only fills an empty table.
INSERT INTO eval_indicators (code, name, source, direction, weight, best, worst, target, tolerance, from_year, note)
SELECT * FROM (VALUES
  ('value_per_head', '人均资产价值（万元/人）', 'value_per_head', 'target', 10, NULL::float8, NULL::float8, 5::float8, 5::float8, 2000, '在编人员人均在账资产原值，偏离标准越多得分越低'),
  ('idle_rate', '资产闲置率（%）', 'idle_rate', 'lower', 15, 2, 20, NULL, NULL, 2000, '闲置资产数 ÷ 在账资产数'),
  ('over_standard', '超标准配置资产数', 'over_standard', 'lower', 10, 0, 10, NULL, NULL, 2000, '单价高于配置标准上限的在账资产'),
  ('count_match', '账实相符率（%）', 'count_match', 'higher', 20, 100, 90, NULL, NULL, 2000, '年内已结束盘点的账实相符资产 ÷ 应盘资产；无盘点不适用'),
  ('overdue_disposal', '逾期未办结处置单数', 'overdue_disposal', 'lower', 5, 0, 5, NULL, NULL, 2000, '提交满 90 天仍未执行的处置单'),
  ('shared_use', '共享设施使用（小时/人）', 'shared_use', 'higher', 5, 10, 0, NULL, NULL, 2000, '年内已确认预订时长 ÷ 在编人数'),
  ('pool_given', '交公物仓调剂价值（万元）', 'pool_given', 'higher', 10, 5, 0, NULL, NULL, 2000, '年内经公物仓调出资产的净值'),
  ('pool_taken', '从公物仓调剂取得价值（万元）', 'pool_taken', 'higher', 10, 5, 0, NULL, NULL, 2000, '年内经公物仓调入资产的净值'),
  ('pool_time', '入仓资产平均在仓天数', 'pool_time', 'lower', 5, 30, 180, NULL, NULL, 2000, '年内调剂出仓资产的平均在仓天数；无调剂不适用'),
  ('violations', '责任追究记录数', 'violations', 'lower', 10, 0, 3, NULL, NULL, 2000, '年内记录在本单位的违规事项')
) AS v(code, name, source, direction, weight, best, worst, target, tolerance, from_year, note)
WHERE NOT EXISTS (SELECT 1 FROM eval_indicators);
