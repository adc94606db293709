import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from './i18n.tsx';

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('您没有访问此页面的权限', 'You are not allowed to open this page')}
      extra={
        <Link to="/">
          <Button type="primary">{t('返回首页', 'Back to home')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('页面不存在', 'This page does not exist')}
      extra={
        <Link to="/">
          <Button type="primary">{t('返回首页', 'Back to home')}</Button>
        </Link>
      }
    />
  );
}

function CrashResult({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useI18n();
  // A new deployment replaces the lazy chunks: reloading picks up the new ones.
  const stale = /dynamically imported module|Importing a module script failed|Failed to fetch/.test(error.message);
  return (
    <Result
      status="error"
      title={stale ? t('页面已更新，请刷新', 'The app was updated; reload the page') : t('页面出错了', 'Something went wrong on this page')}
      subTitle={stale ? undefined : error.message}
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          {t('刷新页面', 'Reload')}
        </Button>,
        !stale && (
          <Button key="retry" onClick={onRetry}>
            {t('重试', 'Try again')}
          </Button>
        ),
      ]}
    />
  );
}

/** Catches a page's render errors so the menu and header stay usable; `resetKey` clears it (the path). */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: Error | null; key?: string }> {
  override state: { error: Error | null; key?: string } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: string }, state: { error: Error | null; key?: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.error) return <CrashResult error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
