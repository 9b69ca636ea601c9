import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));
// The API the dev server forwards to; PARKLINK_API_URL points it at another port.
const api = process.env.PARKLINK_API_URL ?? 'http://127.0.0.1:3000';

/** The web app lives in src/web and is built into dist/web, which the API server serves. */
export default defineConfig({
  root: r('./src/web'),
  publicDir: false,
  plugins: [react()],
  resolve: {
    alias: { '@contracts': r('./src/contracts') },
  },
  server: {
    port: 5173,
    proxy: { '/api': api },
  },
  preview: {
    proxy: { '/api': api },
  },
  build: {
    outDir: r('./dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Split vendors so a change in app code does not invalidate the big libraries.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|dayjs)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
          ],
        },
      },
    },
  },
});
