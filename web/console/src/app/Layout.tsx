import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Flex, Layout as AntLayout, Menu, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/QueryState.tsx';
import { signOut } from '../lib/auth.ts';
import { GROUP } from '../lib/labels.ts';
import { useMe } from '../lib/me.ts';
import { useUnitNames } from '../lib/units.ts';
import type { Screen } from './screens.tsx';

/**
 * The frame of every screen: who is signed in (name, unit, role) and a menu
 * of what their group may use; on a phone the menu folds away.
 */
export function Layout({ screens }: { screens: readonly Screen[] }) {
  const me = useMe();
  const unitName = useUnitNames();
  const { pathname } = useLocation();
  // Below antd's lg breakpoint (a phone, a narrow window) the menu folds away behind 菜单.
  const [narrow, setNarrow] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const current = screens
    .filter((screen) => !screen.hidden && pathname.startsWith(screen.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const who = `${me.name}（${unitName(me.unitId)} · ${GROUP[me.group]}）`;
  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      <AntLayout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          background: '#b71c1c',
          paddingInline: narrow ? 12 : 20,
        }}
      >
        {narrow && (
          <Button
            icon={<MenuOutlined />}
            aria-expanded={menuOpen}
            aria-controls="main-menu"
            onClick={() => {
              setMenuOpen(!menuOpen);
            }}
          >
            菜单
          </Button>
        )}
        <Typography.Title
          level={1}
          style={{ color: '#fff', fontSize: narrow ? 18 : 20, margin: 0, whiteSpace: 'nowrap' }}
        >
          新华区政务网
        </Typography.Title>
        <Flex align="center" gap={12} style={{ marginLeft: 'auto', minWidth: 0, color: '#fff' }}>
          {!narrow && <span style={{ whiteSpace: 'nowrap' }}>{who}</span>}
          <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
            退出
          </Button>
        </Flex>
      </AntLayout.Header>
      <AntLayout style={{ position: 'relative' }}>
        <AntLayout.Sider
          breakpoint="lg"
          collapsedWidth={0}
          width={narrow ? 260 : 200}
          theme="light"
          trigger={null}
          collapsed={narrow && !menuOpen}
          onBreakpoint={(broken) => {
            setNarrow(broken);
            setMenuOpen(false);
          }}
          // On a phone the open menu lies over the screen rather than squeezing it.
          style={
            narrow
              ? { position: 'absolute', insetBlock: 0, zIndex: 10, boxShadow: '2px 0 8px #0002' }
              : undefined
          }
        >
          <nav aria-label="主菜单" id="main-menu">
            {narrow && <div style={{ padding: '16px 24px 8px', color: '#1f1f1f' }}>{who}</div>}
            <Menu
              mode="inline"
              selectedKeys={current ? [current.path] : []}
              onClick={() => {
                setMenuOpen(false);
              }}
              items={screens
                .filter((screen) => !screen.hidden)
                .map((screen) => ({
                  key: screen.path,
                  icon: screen.icon,
                  label: <Link to={screen.path}>{screen.label}</Link>,
                }))}
            />
          </nav>
        </AntLayout.Sider>
        <AntLayout.Content style={{ padding: 20, maxWidth: 1200, width: '100%' }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </AntLayout.Content>
      </AntLayout>
    </AntLayout>
  );
}
