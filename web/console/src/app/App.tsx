import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
// The ES module build of the locale: `antd/locale/zh_CN` pulls in antd's CommonJS copy.
import zhCN from 'antd/es/locale/zh_CN';
import { useMemo } from 'react';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import type { Me } from '../lib/auth.ts';
import { MeContext } from '../lib/me.ts';
import { unitsQuery } from '../lib/units.ts';
import { Layout } from './Layout.tsx';
import { homeOf, SCREENS, seesScreen } from './screens.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 10_000 },
  },
});

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** The console for one person: their screens only, in simplified Chinese. */
export function App({ me }: { me: Me }) {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{
        token: {
          colorPrimary: '#1554ad',
          borderRadius: 6,
          fontSize: 15,
          // antd's greys for hints and placeholders fall short of WCAG AA contrast on white.
          colorTextDescription: '#595959',
          colorTextPlaceholder: '#767676',
          colorTextTertiary: '#595959',
          colorError: '#cf1322',
          colorLink: '#1554ad',
          // Whoever asks their system for less motion gets none (WCAG 2.3.3).
          motion: !prefersReducedMotion(),
        },
      }}
      // 签收, not 签 收: a button's name is what people and screen readers call it.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <MeContext value={me}>
            <Screens me={me} />
          </MeContext>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/**
 * The screens this person sees: by group, and for a unit's members by the
 * kind of their unit (a department answers citizens, a street office writes
 * 您的身边事). Until the units are read nothing shows; if they cannot be
 * read, every screen of the group does.
 */
function Screens({ me }: { me: Me }) {
  const units = useQuery(unitsQuery);
  const unitKind = units.data?.items.find((unit) => unit.id === me.unitId)?.kind;
  const router = useMemo(() => {
    const screens = SCREENS.filter((screen) => seesScreen(screen, { ...me, unitKind }));
    return createHashRouter([
      {
        element: <Layout screens={screens} />,
        children: [
          { index: true, element: <Navigate to={homeOf(me.group)} replace /> },
          ...screens.map(({ path, component: Screen }) => ({ path, element: <Screen /> })),
          { path: '*', element: <Navigate to={homeOf(me.group)} replace /> },
        ],
      },
    ]);
  }, [me, unitKind]);
  if (units.isPending) return null;
  return <RouterProvider router={router} />;
}
