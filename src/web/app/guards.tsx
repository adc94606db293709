import { Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { Spin } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '../../shared/roles.ts';
import { useAuth } from './auth.tsx';
import { ForbiddenPage } from './ErrorPages.tsx';

export function FullPageSpin() {
  return (
    <div className="full-page-spin">
      <Spin size="large" />
    </div>
  );
}

export function PageSpin() {
  return (
    <div className="page-spin">
      <Spin />
    </div>
  );
}

/** Signed-in pages: otherwise to /login?next=<here>; a forced password change comes first. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  const here = location.pathname + location.search;
  if (me === undefined) return <FullPageSpin />;
  if (me === null) return <Navigate to={`/login?next=${encodeURIComponent(here)}`} replace />;
  if (me.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to={`/change-password?next=${encodeURIComponent(here)}`} replace />;
  }
  return <>{children}</>;
}

/** One page: its permission checked, its lazy code loaded under a spinner. */
export function PageElement({
  component: Page,
  permission,
}: {
  component: ComponentType | LazyExoticComponent<ComponentType>;
  permission?: Permission;
}) {
  const { session } = useAuth();
  if (permission && !session?.can(permission)) return <ForbiddenPage />;
  return (
    <Suspense fallback={<PageSpin />}>
      <Page />
    </Suspense>
  );
}
