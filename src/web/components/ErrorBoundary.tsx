import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';

function CrashView({ onReset, message }: { onReset: () => void; message: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="500"
      title={t('crash.title')}
      subTitle={`${t('crash.subtitle')} ${message}`}
      extra={
        <Button type="primary" onClick={onReset}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

class Boundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  override state: { error: Error | null; key: string } = { error: null, key: this.props.resetKey };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    // Navigating away clears the crash.
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    if (this.state.error)
      return <CrashView message={this.state.error.message} onReset={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}

export function ErrorBoundary({ children }: { children: ReactNode }) {
  const loc = useLocation();
  return <Boundary resetKey={loc.pathname}>{children}</Boundary>;
}
