import type { Group } from '../../../../shared/domain/principal.ts';
import type { Tone } from '../components/StatusTag.tsx';
import type {
  DispatchKind,
  ReceiptView,
  StaffReport,
  Supervision,
  UpwardKind,
  UpwardStatus,
} from './api-types.ts';

/** The words the district uses for what the API calls by code. */
export const KIND: Record<DispatchKind, string> = {
  notice: '通知',
  document: '文件',
  feedback: '反馈件',
};

export const RECEIPT_STATUS: Record<ReceiptView['status'], string> = {
  pending: '未签收',
  acknowledged: '已签收',
  responded: '已反馈',
  problem: '接收有问题',
};

export const GROUP: Record<Group, string> = {
  'district-admin': '区信息中心系统管理员',
  'district-office': '收发督办',
  'unit-admin': '单位管理员',
  'unit-staff': '工作人员',
  'unit-head': '单位主要负责人',
};

export { REPORT_STATUS_NAMES as REPORT_STATUS } from '../../../../shared/domain/reportStatus.ts';

export const REPORT_TONE: Record<StaffReport['status'], Tone> = {
  submitted: 'waiting',
  accepted: 'waiting',
  in_progress: 'waiting',
  resolved: 'ok',
  rejected: 'neutral',
};

export const UPWARD_KIND: Record<UpwardKind, string> = {
  info: '信息报送',
  request: '请示',
  feedback: '反馈',
};

export const UPWARD_STATUS: Record<UpwardStatus, string> = {
  'pending-approval': '待负责人审核',
  returned: '已退回',
  submitted: '已报送',
  received: '区政府办已接收',
};

export const UPWARD_TONE: Record<UpwardStatus, Tone> = {
  'pending-approval': 'waiting',
  returned: 'warning',
  submitted: 'info',
  received: 'ok',
};

/** 催办, 督办, missed (Art20): shown on an item once the reminder check has acted on it. */
export const SUPERVISION: Record<Exclude<Supervision, 'none'>, { text: string; tone: Tone }> = {
  blue: { text: '催办', tone: 'info' },
  orange: { text: '督办', tone: 'warning' },
  red: { text: '逾期未办', tone: 'late' },
};
