import { createContext, useContext } from 'react';

export type Locale = 'zh-CN' | 'en';

/**
 * UI text is written as a zh/en pair where it is used: t('资产卡片', 'Asset cards'). Chinese is the
 * default; the English switch is remembered per user (server) and per browser (localStorage).
 */
export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(zh: string, en: string): string;
}

export const I18nContext = createContext<I18n>({ locale: 'zh-CN', setLocale: () => undefined, t: (zh) => zh });
export const useI18n = () => useContext(I18nContext);
