import type { AuditAction } from '../../../../shared/domain/audit.ts';
import type { Group } from '../../../../shared/domain/principal.ts';
import type { Tone } from '../components/StatusTag.tsx';
import type {
  DispatchKind,
  DispatchStatus,
  Urgency,
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

export const URGENCY: Record<Urgency, string> = {
  normal: '平急',
  urgent: '加急',
  'very-urgent': '特急',
};

export const DISPATCH_STATUS: Record<DispatchStatus, string> = {
  draft: '草稿，待签发',
  sent: '已发出',
  recalled: '已撤回',
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
  returned: 'warning',
  reopened: 'late',
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
  replied: '已批复',
};

export const UPWARD_TONE: Record<UpwardStatus, Tone> = {
  'pending-approval': 'waiting',
  returned: 'warning',
  submitted: 'info',
  received: 'ok',
  replied: 'ok',
};

/** 催办, 督办, missed (Art20): shown on an item once the reminder check has acted on it. */
export const SUPERVISION: Record<Exclude<Supervision, 'none'>, { text: string; tone: Tone }> = {
  blue: { text: '催办', tone: 'info' },
  orange: { text: '督办', tone: 'warning' },
  red: { text: '逾期未办', tone: 'late' },
};

/** What each audited action is called in the audit search (审计查询). */
export const AUDIT_ACTION: Record<AuditAction, string> = {
  'account.create': '创建账号',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.sign-in': '登录',
  'account.sign-in.failed': '登录失败',
  'unit.create': '新增单位',
  'unit.update': '修改单位',
  'dispatch.send': '发文',
  'dispatch.draft': '拟稿',
  'dispatch.sign-off': '签发',
  'dispatch.recall': '撤回发文',
  'dispatch.deadline': '延期',
  'dispatch.urge': '立即催办',
  'dispatch.resolve-problem': '处理接收问题',
  'receipt.acknowledge': '签收',
  'receipt.answer': '反馈',
  'receipt.problem': '报告接收问题',
  'receipt.download': '下载附件',
  'attachment.create': '上传附件',
  'upward.create': '撰写上报',
  'upward.update': '修改上报',
  'upward.approve': '批准并盖章',
  'upward.return': '退回上报',
  'upward.receive': '接收上报',
  'upward.reply': '批复',
  'phone.register': '登记手机',
  'phone.verify': '验证手机',
  'phone.verify.failed': '手机验证码错误',
  'phone.retire': '停用手机',
  'phone.request': '申请变更手机',
  'phone.request.approve': '批准手机变更',
  'phone.request.reject': '驳回手机变更',
  'duty.update': '修改值班表',
  'calendar.put': '修改区日历',
  'settings.reminders': '修改提醒设置',
  'report.create': '群众提交诉求',
  'article.create': '撰写文章',
  'article.update': '修改文章',
  'article.publish': '发布文章',
  'article.unpublish': '撤下文章',
  'question.ask': '群众提问',
  'question.assign': '转交提问',
  'question.answer': '答复提问',
  'report.update': '答复诉求',
  'report.route': '改派诉求',
  'report.publish': '公开诉求答复',
  'report.return': '诉求退单',
  'report.extension': '申请诉求延期',
  'report.extension.approve': '同意诉求延期',
  'report.extension.reject': '不同意诉求延期',
  'report.feedback': '群众评价',
  'routing.put': '修改诉求分类',
  'bulletin.publish': '发布通报',
};

/** 掌上新华's columns that hold articles (shared/domain/columns.ts). */
export const ARTICLE_COLUMN = {
  guide: '办事包打听',
  district: '区情一点通',
  news: '热点全知道',
  local: '您的身边事',
} as const;
