import { Route, Routes, useLocation } from 'react-router-dom';
import { ChangePasswordPage } from './ChangePassword.tsx';
import { ErrorBoundary, NotFoundPage } from './ErrorPages.tsx';
import { PageElement, RequireSession } from './guards.tsx';
import { AppLayout } from './Layout.tsx';
import { LoginPage } from './LoginPage.tsx';
import { pageRoutes } from './pages.ts';

/** The route tree: sign-in pages, bare pages (print, mobile) and everything else inside the layout. */
export function AppRoutes() {
  const location = useLocation();
  const bare = pageRoutes.filter((r) => r.bare);
  const framed = pageRoutes.filter((r) => !r.bare);
  return (
    <ErrorBoundary resetKey={location.pathname}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/change-password"
          element={
            <RequireSession>
              <ChangePasswordPage />
            </RequireSession>
          }
        />
        {bare.map((r) => (
          <Route
            key={`bare:${r.path}`}
            path={r.path}
            element={
              <RequireSession>
                <PageElement component={r.component} permission={r.permission} />
              </RequireSession>
            }
          />
        ))}
        <Route
          element={
            <RequireSession>
              <AppLayout />
            </RequireSession>
          }
        >
          {framed.map((r) => (
            <Route key={r.path} path={r.path} element={<PageElement component={r.component} permission={r.permission} />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </ErrorBoundary>
  );
}
