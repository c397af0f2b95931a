import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './app/App.tsx';
import './site.css';

/**
 * antd-mobile 5 renders Toast and its other imperative pieces with
 * ReactDOM.render, which React 19 no longer has: its documented bridge
 * (mobile.ant.design/guide/v5-for-19) gives it a root of its own instead.
 * Without it a Toast never shows.
 */
// Deprecated only in that antd-mobile 6 will need no bridge; in 5 it is the documented way.
// eslint-disable-next-line @typescript-eslint/no-deprecated
unstableSetRender((node, container) => {
  const host = container as Element & { reactRoot?: Root };
  host.reactRoot ??= createRoot(container);
  const root = host.reactRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
  };
});

/** Server state lives in TanStack Query, as in the console: one client for the site. */
const queries = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 } },
});

createRoot(document.getElementById('root') ?? document.body).render(
  <QueryClientProvider client={queries}>
    <App />
  </QueryClientProvider>,
);
