// 列设置 for the tables of the monthly set, through the list-settings module's public API: one
// 'reports' list per user holds every table's columns, each key prefixed with its table
// (`vehicles.nIn`), and one density for all. The screen only: the print, the workbook and the locked
// file always carry every column.
import type { TableColumnsType } from 'antd';
import type { ListSettings } from '../../../shared/prefs.contracts.ts';
import type { SetTable } from '../../../shared/reportset.contracts.ts';
import { applyColumns } from '../../components/ListSettings.tsx';

const prefix = (tb: SetTable) => `${tb.key}.`;

/** The table's columns as the settings button lists them: `组·列` where the column has a group. */
export function settingsColumns(tb: SetTable): TableColumnsType<unknown> {
  return tb.columns.map((c) => ({ key: `${prefix(tb)}${c.key}`, title: c.group ? `${c.group}·${c.label}` : c.label }));
}

/** The user's settings seen by one table: its own columns only. */
export function tableSettings(tb: SetTable, settings: ListSettings): ListSettings {
  return { ...settings, columns: settings.columns?.filter((c) => c.key.startsWith(prefix(tb))) };
}

/** A change from one table's button, keeping the other tables' columns. */
export function mergeChange(tb: SetTable, settings: ListSettings, change: Partial<ListSettings>): Partial<ListSettings> {
  if (!('columns' in change)) return change;
  const others = settings.columns?.filter((c) => !c.key.startsWith(prefix(tb))) ?? [];
  const mine = change.columns ?? [];
  return { columns: others.length || mine.length ? [...others, ...mine] : undefined };
}

/** The table as the user arranged it: hidden columns out, the rest in the user's order. */
export function arranged(tb: SetTable, settings: ListSettings): SetTable {
  const own = tableSettings(tb, settings);
  if (!own.columns?.length) return tb;
  const byKey = new Map(tb.columns.map((c) => [`${prefix(tb)}${c.key}`, c]));
  const shown = applyColumns(settingsColumns(tb), own).map((c) => byKey.get(String(c.key))!);
  return { ...tb, columns: shown };
}
