import { DotLoading } from 'antd-mobile';
import { lazy, Suspense } from 'react';
import { useRoute } from '../lib/route.ts';
import { ReportScreen } from '../features/report/components/ReportScreen.tsx';

// Reporting is what a citizen opens the site for; the other screens load when opened.
const MyReportsScreen = lazy(() => import('../features/track/components/MyReportsScreen.tsx'));
const TrackScreen = lazy(() => import('../features/track/components/TrackScreen.tsx'));
const BoardScreen = lazy(() => import('../features/board/components/BoardScreen.tsx'));
const RankingScreen = lazy(() => import('../features/ranking/components/RankingScreen.tsx'));

const TABS = [
  { path: '/', label: '随手拍' },
  { path: '/mine', label: '我的诉求' },
  { path: '/board', label: '公示' },
  { path: '/ranking', label: '部门排行' },
] as const;

function Screen({ route }: { route: string }) {
  const tracked = /^\/track\/([0-9A-Z]{26})$/.exec(route)?.[1];
  if (tracked) return <TrackScreen id={tracked} />;
  if (route === '/mine') return <MyReportsScreen />;
  if (route === '/board') return <BoardScreen />;
  if (route === '/ranking') return <RankingScreen />;
  return <ReportScreen />;
}

/** 掌上新华: report a problem, follow it, and see what departments did in public (Art3, Art10). */
export function App() {
  const route = useRoute();
  const tab = route.startsWith('/track/') ? '/mine' : route;
  return (
    <div className="site">
      <header className="site-header">
        <h1>掌上新华</h1>
      </header>
      <main className="site-main">
        <Suspense
          fallback={
            <div className="centered">
              <DotLoading color="primary" />
            </div>
          }
        >
          <Screen route={route} />
        </Suspense>
      </main>
      <nav className="tab-bar" aria-label="栏目">
        {TABS.map(({ path, label }) => (
          <a
            key={path}
            href={`#${path}`}
            className={tab === path ? 'tab active' : 'tab'}
            aria-current={tab === path ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
    </div>
  );
}
