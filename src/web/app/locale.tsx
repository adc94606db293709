import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ok, http, setUiLang } from '../api/client.ts';
import { useAuth } from './auth.tsx';
import { I18nContext, type I18n, type Locale } from './i18n.tsx';

const STORAGE_KEY = 'gongwu.locale';

export const asLocale = (v: unknown): Locale | null => (v === 'en' ? 'en' : v === 'zh-CN' || v === 'zh' ? 'zh-CN' : null);

function readStored(): Locale | null {
  try {
    return asLocale(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}
function store(locale: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the server still remembers */
  }
}
function applyGlobals(locale: Locale) {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  setUiLang(locale === 'en' ? 'en' : 'zh');
  document.documentElement.lang = locale;
}

/**
 * The UI language: remembered in this browser and, for a signed-in user, on the server. Right
 * after signing in (unless the user just picked one on the sign-in page), or in a browser with no
 * choice stored, the user's saved language wins; otherwise the browser's choice is kept and
 * copied to the server.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { me, justSignedIn } = useAuth();
  const [locale, setState] = useState<Locale>(() => {
    const l = readStored() ?? 'zh-CN';
    applyGlobals(l);
    return l;
  });

  const apply = useCallback((l: Locale) => {
    applyGlobals(l);
    store(l);
    setState(l);
  }, []);

  // A language picked on the sign-in page is what the user wants now, over the one saved earlier.
  const pickedSignedOut = useRef(false);
  const userId = me?.userId;
  useEffect(() => {
    if (!me) return;
    const server = asLocale(me.locale);
    const stored = readStored();
    const serverWins = (justSignedIn && !pickedSignedOut.current) || !stored;
    pickedSignedOut.current = false;
    if (serverWins && server) apply(server);
    else if (stored && stored !== server) ok(http.PUT('/api/auth/locale', { body: { locale: stored } })).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId, justSignedIn]);

  const setLocale = useCallback(
    (l: Locale) => {
      apply(l);
      if (userId) ok(http.PUT('/api/auth/locale', { body: { locale: l } })).catch(() => undefined);
      else pickedSignedOut.current = true;
    },
    [apply, userId],
  );

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (zh, en) => (locale === 'en' ? en : zh),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
