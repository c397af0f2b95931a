import { DotLoading } from 'antd-mobile';
import { lazy, Suspense } from 'react';
import { useRoute } from '../lib/route.ts';
import { HomeScreen } from '../features/columns/components/HomeScreen.tsx';

// The home page (the columns) is what a citizen opens the site on; the other screens load when opened.
const ReportScreen = lazy(async () => ({
  default: (await import('../features/report/components/ReportScreen.tsx')).ReportScreen,
}));
const ColumnScreen = lazy(() => import('../features/columns/components/ColumnScreen.tsx'));
const ArticleScreen = lazy(() => import('../features/columns/components/ArticleScreen.tsx'));
const SearchScreen = lazy(() => import('../features/columns/components/SearchScreen.tsx'));
const AskScreen = lazy(() => import('../features/questions/components/AskScreen.tsx'));
const QuestionScreen = lazy(() => import('../features/questions/components/QuestionScreen.tsx'));
const PublicAnswers = lazy(async () => ({
  default: (await import('../features/questions/components/PublicAnswers.tsx')).PublicAnswers,
}));
const MyReportsScreen = lazy(() => import('../features/track/components/MyReportsScreen.tsx'));
const TrackScreen = lazy(() => import('../features/track/components/TrackScreen.tsx'));
const BoardScreen = lazy(() => import('../features/board/components/BoardScreen.tsx'));
const RankingScreen = lazy(() => import('../features/ranking/components/RankingScreen.tsx'));

const TABS = [
  { path: '/', label: '首页' },
  { path: '/report', label: '随手拍' },
  { path: '/mine', label: '我的诉求' },
  { path: '/board', label: '公示' },
  { path: '/ranking', label: '部门排行' },
] as const;

const ID = '([0-9A-Z]{26})';

function Screen({ route }: { route: string }) {
  const [path = '/', query = ''] = route.split('?');
  const tracked = new RegExp(`^/track/${ID}$`).exec(path)?.[1];
  if (tracked) return <TrackScreen id={tracked} />;
  const article = new RegExp(`^/article/${ID}$`).exec(path)?.[1];
  if (article) return <ArticleScreen id={article} />;
  const question = new RegExp(`^/question/${ID}$`).exec(path)?.[1];
  if (question) return <QuestionScreen id={question} />;
  const column = /^\/column\/([a-z-]{1,30})$/.exec(path)?.[1];
  // 办事包打听: the articles, then the questions answered in public.
  if (column)
    return <ColumnScreen code={column} extra={column === 'guide' ? <PublicAnswers /> : null} />;
  if (path === '/search') return <SearchScreen q={new URLSearchParams(query).get('q') ?? ''} />;
  if (path === '/ask') return <AskScreen />;
  if (path === '/report') return <ReportScreen />;
  if (route === '/mine') return <MyReportsScreen />;
  if (route === '/board') return <BoardScreen />;
  if (route === '/ranking') return <RankingScreen />;
  return <HomeScreen />;
}

/** 掌上新华: the district's columns and search, report a problem and follow it, and see what departments did in public (Art3, Art10). */
export function App() {
  const route = useRoute();
  const path = route.split('?')[0] ?? '/';
  const tab = path.startsWith('/track/')
    ? '/mine'
    : /^\/(column|article|search|ask|question)/.test(path)
      ? '/'
      : path;
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
      <nav className="tab-bar" aria-label="导航">
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
