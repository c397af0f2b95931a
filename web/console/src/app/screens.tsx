import {
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  EditOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  QuestionCircleOutlined,
  FileProtectOutlined,
  InboxOutlined,
  MobileOutlined,
  NotificationOutlined,
  SendOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type ReactNode } from 'react';
import type { Group } from '../../../../shared/domain/principal.ts';
import type { UnitKind } from '../../../../shared/domain/units.ts';

/**
 * Every screen of the console, who may see it (as the route table says who
 * may call what), and its menu entry. Each screen is its own chunk.
 */
export interface Screen {
  path: string;
  label: string;
  icon: ReactNode;
  groups: readonly Group[];
  component: ComponentType;
  /** Reached from another screen, not from the menu. */
  hidden?: boolean;
  /** Seen too by the head of the district office, who signs off its drafts (签发). */
  officeHead?: boolean;
  /** A unit's members see it only in units of these kinds (the district office's groups always). */
  unitKinds?: readonly UnitKind[];
}

const UNIT_MEMBERS: readonly Group[] = ['unit-admin', 'unit-staff', 'unit-head'];

/**
 * Whether a person sees a screen: by their group, a unit's members by their
 * unit's kind where the screen says (while it is not known, they see it),
 * and the district office's head by their unit.
 */
export const seesScreen = (
  screen: Screen,
  me: { group: Group; unitId: string; unitKind?: UnitKind | undefined },
) =>
  (screen.groups.includes(me.group) &&
    (!screen.unitKinds ||
      !UNIT_MEMBERS.includes(me.group) ||
      me.unitKind === undefined ||
      screen.unitKinds.includes(me.unitKind))) ||
  (screen.officeHead === true && me.group === 'unit-head' && me.unitId === 'district-office');

/** Citizens' reports and questions go to departments; 您的身边事 is written by streets and townships. */
const DEPARTMENTS: readonly UnitKind[] = ['department'];
const LOCAL_UNITS: readonly UnitKind[] = ['street-office', 'township'];

export const SCREENS: readonly Screen[] = [
  {
    path: '/inbox',
    label: '收文签收',
    icon: <InboxOutlined />,
    // The district office sends; it receives nothing ("all" is every unit but the sender's).
    groups: UNIT_MEMBERS,
    component: lazy(() => import('../features/inbox/components/InboxPage.tsx')),
  },
  {
    path: '/inbox/:id',
    label: '收文',
    icon: <InboxOutlined />,
    groups: UNIT_MEMBERS,
    component: lazy(() => import('../features/inbox/components/InboxItemPage.tsx')),
    hidden: true,
  },
  {
    path: '/compose',
    label: '发文',
    icon: <EditOutlined />,
    groups: ['district-office'],
    component: lazy(() => import('../features/dispatches/components/ComposePage.tsx')),
  },
  {
    path: '/dispatches',
    label: '签收跟踪',
    icon: <SendOutlined />,
    groups: ['district-office', 'district-admin'],
    component: lazy(() => import('../features/dispatches/components/SentListPage.tsx')),
    officeHead: true,
  },
  {
    path: '/dispatches/:id',
    label: '签收情况',
    icon: <SendOutlined />,
    groups: ['district-office', 'district-admin'],
    component: lazy(() => import('../features/dispatches/components/TrackingPage.tsx')),
    hidden: true,
    officeHead: true,
  },
  {
    path: '/upward',
    label: '上报',
    icon: <FileProtectOutlined />,
    groups: [...UNIT_MEMBERS, 'district-office'],
    component: lazy(() => import('../features/upward/components/UpwardListPage.tsx')),
  },
  {
    path: '/upward/new',
    label: '写上报',
    icon: <FileProtectOutlined />,
    groups: UNIT_MEMBERS,
    component: lazy(() => import('../features/upward/components/UpwardWritePage.tsx')),
    hidden: true,
  },
  {
    path: '/upward/:id',
    label: '上报件',
    icon: <FileProtectOutlined />,
    groups: [...UNIT_MEMBERS, 'district-office'],
    component: lazy(() => import('../features/upward/components/UpwardPage.tsx')),
    hidden: true,
  },
  {
    path: '/bulletins',
    label: '通报',
    icon: <NotificationOutlined />,
    groups: ['district-office', 'district-admin', ...UNIT_MEMBERS],
    component: lazy(() => import('../features/bulletins/components/BulletinsPage.tsx')),
  },
  {
    path: '/bulletins/:id',
    label: '通报',
    icon: <NotificationOutlined />,
    groups: ['district-office', 'district-admin', ...UNIT_MEMBERS],
    component: lazy(() => import('../features/bulletins/components/BulletinPage.tsx')),
    hidden: true,
  },
  {
    path: '/articles',
    label: '文章',
    icon: <FileTextOutlined />,
    groups: [...UNIT_MEMBERS, 'district-office'],
    unitKinds: LOCAL_UNITS,
    component: lazy(() => import('../features/articles/components/ArticlesPage.tsx')),
  },
  {
    path: '/articles/:id',
    label: '文章',
    icon: <FileTextOutlined />,
    groups: [...UNIT_MEMBERS, 'district-office'],
    unitKinds: LOCAL_UNITS,
    component: lazy(() => import('../features/articles/components/ArticleEditorPage.tsx')),
    hidden: true,
  },
  {
    path: '/questions',
    label: '群众提问',
    icon: <QuestionCircleOutlined />,
    groups: [...UNIT_MEMBERS, 'district-office'],
    unitKinds: DEPARTMENTS,
    component: lazy(() => import('../features/questions/components/QuestionsPage.tsx')),
  },
  {
    path: '/reports',
    label: '群众诉求',
    icon: <UnorderedListOutlined />,
    groups: [...UNIT_MEMBERS, 'district-office'],
    unitKinds: DEPARTMENTS,
    component: lazy(() => import('../features/reports/components/ReportsPage.tsx')),
  },
  {
    path: '/report-categories',
    label: '诉求分类',
    icon: <TagsOutlined />,
    groups: ['district-office'],
    component: lazy(() => import('../features/reports/components/CategoriesPage.tsx')),
  },
  {
    path: '/phones',
    label: '提醒手机与值班',
    icon: <MobileOutlined />,
    groups: ['unit-admin', 'district-admin'],
    component: lazy(() => import('../features/phones/components/PhonesPage.tsx')),
  },
  {
    path: '/phone-requests',
    label: '号码变更申请',
    icon: <AuditOutlined />,
    groups: ['district-admin'],
    component: lazy(() => import('../features/phones/components/PhoneRequestsPage.tsx')),
  },
  {
    path: '/accounts',
    label: '账号管理',
    icon: <TeamOutlined />,
    groups: ['district-admin', 'unit-admin'],
    component: lazy(() => import('../features/accounts/components/AccountsPage.tsx')),
  },
  {
    path: '/audit',
    label: '审计查询',
    icon: <FileSearchOutlined />,
    groups: ['district-admin'],
    component: lazy(() => import('../features/audit/components/AuditPage.tsx')),
  },
  {
    path: '/calendar',
    label: '区日历',
    icon: <CalendarOutlined />,
    groups: ['district-admin'],
    component: lazy(() => import('../features/settings/components/CalendarPage.tsx')),
  },
  {
    path: '/settings/reminders',
    label: '提醒设置',
    icon: <BellOutlined />,
    groups: ['district-office'],
    component: lazy(() => import('../features/settings/components/ReminderSettingsPage.tsx')),
  },
];

/** Where a person lands: their first menu entry. */
export const homeOf = (group: Group) =>
  SCREENS.find((screen) => !screen.hidden && screen.groups.includes(group))?.path ?? '/inbox';

export const settingsIcon = <SettingOutlined />;
