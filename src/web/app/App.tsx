import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUSLocale from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { ApiError } from '../client/client';
import { router } from './router';
import { SessionBridge } from './session';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // 4xx answers will not change on retry.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
    // A 403 or 409 on a write is shown where it happened; nothing to retry.
    mutations: { retry: false },
  },
});

/**
 * People who asked their system for less motion get none: antd's slide and fade animations are off. (The browser
 * tests ask for it too, so no click lands on a dropdown that is still sliding in.)
 */
const reducedMotion =
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)').matches
    : false;

/**
 * Fonts: the platform's UI face, then CJK faces. In English a common Latin face (Arial, Liberation Sans) comes
 * before the CJK ones, so where the platform face is missing (Linux) quotes and apostrophes are not set
 * full-width by a CJK face (China’s, not China’ s).
 */
const CJK =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', sans-serif";
const PLATFORM = "-apple-system, BlinkMacSystemFont, 'Segoe UI'";
const LATIN = "Roboto, 'Helvetica Neue', Arial, 'Liberation Sans'";

export function App() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return (
    <ConfigProvider
      locale={en ? enUSLocale : zhCNLocale}
      theme={{
        token: {
          colorPrimary: '#1666d6',
          motion: !reducedMotion,
          borderRadius: 6,
          fontFamily: en ? `${PLATFORM}, ${LATIN}, ${CJK}` : `${PLATFORM}, ${CJK}`,
        },
        components: { Layout: { bodyBg: '#f4f6f9', siderBg: '#ffffff' } },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionBridge>
            <RouterProvider router={router} />
          </SessionBridge>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
