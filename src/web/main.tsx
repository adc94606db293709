import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { ApiError } from './api/client.ts';
import { AuthProvider } from './app/auth.tsx';
import { LocaleProvider } from './app/locale.tsx';
import { useI18n } from './app/i18n.tsx';
import { AppRoutes } from './app/App.tsx';
import { installEnterGuard } from './app/enterGuard.ts';
import './styles/app.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change on retry; only network trouble and 5xx are retried once.
      retry: (count, err) => count < 1 && !(err instanceof ApiError && err.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

// Whoever asks the system for less motion gets none: no dialog, drawer or menu grows into place. The
// browser suite asks too, so no click lands on a dialog still opening (a lost 核对 under load in CI).
const REDUCED_MOTION = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

function Themed({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      componentSize="middle"
      theme={{
        token: { colorPrimary: '#1f5fbf', borderRadius: 4, fontSize: 14, motion: !REDUCED_MOTION },
        components: {
          Layout: {
            headerBg: '#ffffff',
            headerHeight: 56,
            headerPadding: '0 16px',
            siderBg: '#ffffff',
            triggerBg: '#ffffff',
            triggerColor: '#595959',
          },
          Menu: { itemHeight: 38, subMenuItemBg: '#ffffff' },
          Table: { headerBg: '#f5f7fa' },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

installEnterGuard();

// A data router (one catch-all route around the app's own <Routes>) so forms can block leaving.
const router = createBrowserRouter([{ path: '*', element: <AppRoutes /> }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <LocaleProvider>
          <Themed>
            <RouterProvider router={router} />
          </Themed>
        </LocaleProvider>
      </AuthProvider>
    </QueryClientProvider>
  </StrictMode>,
);
