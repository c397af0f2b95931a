import { randomInt } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { API_FUNCTIONS } from '../functions/apiFunctions.ts';
import { runAuditDigest } from '../functions/auditDigest/digest.ts';
import { runReminderCheck } from '../functions/reminders/reminderCheck.ts';
import type { Account } from '../shared/domain/accounts.ts';
import { defaultAckMinutes, type DispatchKind, type Urgency } from '../shared/domain/deadlines.ts';
import { DEFAULT_REMINDER_SETTINGS } from '../shared/domain/reminders.ts';
import type { Unit } from '../shared/domain/units.ts';
import { serve } from '../shared/http/apiHandler.ts';
import type { Platform } from '../shared/platform.ts';
import { matchRoute, type FunctionName } from '../shared/routes.ts';
import type { SmsSender } from '../shared/sms/sender.ts';
import { apiEvent } from './apiEvent.ts';
import { demoAccounts } from './demoAccounts.ts';
import { lambdaContext } from './lambdaContext.ts';

/**
 * The demo week: what a newcomer finds on a first `npm start` (no `.local/`
 * yet) — the district's last seven days, made through the API's own
 * handlers with API events timed when each thing would have happened, the
 * reminder check and the audit digest run as their schedules would have
 * run them, and photos uploaded to the local S3 as a phone uploads them
 * (the upload check attaches them). Nothing is written to a table directly.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SHANGHAI = 8 * HOUR;

export interface DemoSummary {
  dispatches: number;
  receipts: number;
  reminderChecks: number;
  remindersSent: number;
  upward: number;
  reports: number;
  photos: number;
  articles: number;
  questions: number;
  bulletins: number;
}

interface Step {
  at: Date;
  run: () => Promise<void>;
}

/**
 * Loads the week ending `now` into a platform whose tables hold only the
 * seed units, categories and demo accounts. Throws on the first refusal:
 * the week is made only of things the API accepts.
 */
export async function loadDemoWeek(
  platform: Platform,
  units: readonly Unit[],
  now = new Date(),
): Promise<DemoSummary> {
  // Verification codes are texted as ever (to the SMS outbox), and read back here as a phone's holder would.
  const codes = new Map<string, string>();
  const sms: SmsSender = {
    async send(to, message) {
      if (message.params['code']) codes.set(to, message.params['code']);
      await platform.sms.send(to, message);
    },
  };
  const demo = { ...platform, sms };
  const handlers = Object.fromEntries(
    Object.entries(API_FUNCTIONS).map(([name, routes]) => [name, serve(routes, demo)]),
  ) as Record<FunctionName, (event: unknown, context: Context) => Promise<unknown>>;
  const people = new Map(demoAccounts(units).map((account) => [account.username, account]));
  const summary: DemoSummary = {
    dispatches: 0,
    receipts: 0,
    reminderChecks: 0,
    remindersSent: 0,
    upward: 0,
    reports: 0,
    photos: 0,
    articles: 0,
    questions: 0,
    bulletins: 0,
  };

  /** One API request at `at`, by a demo account (or a citizen), as API Gateway would hand it over. */
  async function api<Answer = { id: string }>(
    at: Date,
    as: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const [rawPath = '', rawQueryString] = path.split('?');
    const matched = matchRoute(method, rawPath);
    if (!matched) throw new Error(`demo week: no route for ${method} ${rawPath}`);
    const person: Account | undefined = as ? people.get(as) : undefined;
    if (as && !person) throw new Error(`demo week: no demo account ${as}`);
    const event = apiEvent({
      method,
      routePath: matched.route.path,
      rawPath,
      ...(rawQueryString ? { rawQueryString } : {}),
      pathParameters: matched.pathParameters,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      // Citizens each from an address of their own; staff from the office network.
      sourceIp: person
        ? '10.20.0.8'
        : `172.16.${String(randomInt(256))}.${String(randomInt(1, 255))}`,
      at,
      ...(person
        ? {
            claims: {
              sub: person.username,
              'cognito:username': person.username,
              'cognito:groups': [person.group],
              'custom:unitId': person.unitId,
              name: person.name,
            },
          }
        : {}),
    });
    const handler = handlers[matched.route.function];
    const result = (await handler(
      event,
      lambdaContext(matched.route.function),
    )) as APIGatewayProxyStructuredResultV2;
    const status = result.statusCode ?? 200;
    if (status >= 400)
      throw new Error(
        `demo week: ${method} ${path} answered ${String(status)}: ${result.body ?? ''}`,
      );
    return (result.body ? JSON.parse(result.body) : undefined) as Answer;
  }

  /** A day of the week in Beijing time: `daysAgo` days before today, at `hhmm`. */
  const day = (daysAgo: number, hhmm: string) => {
    const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
    const shanghaiMidnight = Math.floor((now.getTime() + SHANGHAI) / (24 * HOUR)) * 24 * HOUR;
    return new Date(
      shanghaiMidnight - SHANGHAI - daysAgo * 24 * HOUR + hours * HOUR + minutes * MINUTE,
    );
  };
  const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);
  const later = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE);
  const earlier = (a: Date, b: Date) => (a < b ? a : b);
  const steps: Step[] = [];
  /** Something that happens at `at`; what would happen after now is left out. */
  const at = (when: Date, run: () => Promise<void>) => {
    if (when.getTime() < now.getTime() - MINUTE) steps.push({ at: when, run });
  };

  // ── The week begins: phones, duty, the calendar, working hours ────────────────────────────────
  const start = day(7, '08:30');
  const phones: Record<string, string[]> = {
    'district-office': ['+8613803110001'],
    health: ['+8613803110101', '+8613803110102'],
    education: ['+8613803110201'],
    'civil-affairs': ['+8613803110301'],
    housing: ['+8613803110401'],
    'urban-management': ['+8613803110501'],
    'market-regulation': ['+8613803110601'],
    'dongfeng-street': ['+8613803110701'],
    'xinhua-road-street': ['+8613803111101'],
    'gexin-street': ['+8613803110801'],
    'dadianzhuang-town': ['+8613803110901', '+8613803110902'],
    'zhaoling-town': ['+8613803111001'],
  };
  at(start, async () => {
    const year = Number(new Date(now.getTime() + SHANGHAI).toISOString().slice(0, 4));
    await api(start, 'sysadmin', 'PUT', '/calendar', {
      year,
      holidays: [`${String(year)}-01-01`, `${String(year)}-05-01`, `${String(year)}-10-01`],
      workdays: [],
    });
    const { notice, document, feedback } = DEFAULT_REMINDER_SETTINGS;
    await api(start, 'office-clerk', 'PUT', '/settings/reminders', {
      notice,
      document,
      feedback,
      workingHours: [
        { from: '08:30', to: '12:00' },
        { from: '14:30', to: '17:30' },
      ],
    });
    for (const [unitId, numbers] of Object.entries(phones)) {
      for (const [i, phone] of numbers.entries()) {
        const holderName = `${people.get(`${unitId}-staff`)?.name.replace('值班员', '') ?? ''}${i === 0 ? '值班室' : '夜班值班员'}`;
        await api(start, 'sysadmin', 'POST', `/units/${unitId}/phones`, {
          phone,
          holderName,
          remind: i === 0,
        });
        await api(
          later(start, 3),
          'sysadmin',
          'POST',
          `/units/${unitId}/phones/${encodeURIComponent(phone)}/verify`,
          {
            code: codes.get(phone),
          },
        );
      }
    }
    // Nights and weekends at the township: its night duty phone, in a weekly pattern.
    await api(later(start, 10), 'dadianzhuang-town-admin', 'PUT', '/units/dadianzhuang-town/duty', {
      weekly: [
        {
          phone: phones['dadianzhuang-town']?.[1],
          days: [1, 2, 3, 4, 5],
          from: '17:30',
          to: '08:30',
        },
        { phone: phones['dadianzhuang-town']?.[1], days: [6, 7], from: '00:00', to: '23:59' },
      ],
    });
    await api(later(start, 12), 'health-admin', 'PUT', '/units/health/duty', {
      weekly: [
        { phone: phones['health']?.[1], days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' },
      ],
    });
    // A street office asks for a number; the district administrator has not decided yet.
    await api(later(start, 20), 'dongfeng-street-admin', 'POST', '/units/dongfeng-street/phones', {
      phone: '+8613803110702',
      holderName: '东风街道应急值班员',
      remind: true,
    });
  });

  // ── Dispatches: notices, documents and feedback requests, answered on time, late, or not ──────
  const departments = [
    'health',
    'education',
    'civil-affairs',
    'housing',
    'urban-management',
    'market-regulation',
  ];
  const localUnits = ['dongfeng-street', 'gexin-street', 'dadianzhuang-town', 'zhaoling-town'];
  const staffOf = (unitId: string) => `${unitId}-staff`;
  const contact = (unitId: string) => ({
    contactName: people.get(staffOf(unitId))?.name ?? '值班员',
    contactPhone: '0311-86012345',
  });

  const ackDeadlines: Date[] = [];
  /** Sends at `when`; each unit acknowledges after its delay in minutes (none: never). */
  function dispatch(
    when: Date,
    body: Record<string, unknown> & { kind: DispatchKind; urgency?: Urgency },
    acks: Record<string, number | undefined>,
  ) {
    let id = '';
    ackDeadlines.push(
      later(
        when,
        (body['ackWithinMinutes'] as number | undefined) ??
          defaultAckMinutes(body.kind, body.urgency),
      ),
    );
    at(when, async () => {
      const sent = await api(when, 'office-clerk', 'POST', '/dispatches', {
        declaredUnclassified: true,
        ...body,
      });
      id = sent.id;
      summary.dispatches += 1;
      summary.receipts += Object.keys(acks).length;
    });
    for (const [unitId, delay] of Object.entries(acks)) {
      if (delay === undefined) continue;
      at(later(when, delay), async () => {
        await api(later(when, delay), staffOf(unitId), 'POST', `/dispatches/${id}/ack`);
      });
    }
    return () => id;
  }

  // A cold-wave notice to every department and township: most within the 10 minutes, two late, one never.
  const coldWave = dispatch(
    day(6, '09:00'),
    {
      kind: 'notice',
      title: '关于做好寒潮天气防范应对工作的通知',
      body: '据气象部门预报，本周将有强寒潮过程。请各单位落实24小时值班制度，做好供暖、供水、道路除冰和困难群众走访工作，重要情况及时报告。',
      recipients: [...departments, ...localUnits],
    },
    {
      health: 3,
      education: 6,
      'civil-affairs': 8,
      housing: 9,
      'urban-management': 4,
      'market-regulation': 35,
      'dongfeng-street': 5,
      'gexin-street': 7,
      'dadianzhuang-town': 130,
      'zhaoling-town': undefined,
    },
  );
  // The clerk urges the township that has not signed (立即催办).
  at(day(6, '09:40'), async () => {
    await api(day(6, '09:40'), 'office-clerk', 'POST', `/dispatches/${coldWave()}/urge`, {
      unitIds: ['zhaoling-town'],
    });
  });

  // An urgent document with its 文号 and 抄送; housing cannot open the file and says so; the clerk resolves it.
  const safety = dispatch(
    day(5, '10:00'),
    {
      kind: 'document',
      urgency: 'urgent',
      docNumber: '新政办〔2026〕45号',
      title: '关于印发《新华区冬季安全生产大检查实施方案》的通知',
      body: '现将《新华区冬季安全生产大检查实施方案》印发给你们，请结合实际认真贯彻落实，检查情况于月底前报区政府办公室。',
      recipients: [
        'housing',
        'urban-management',
        'market-regulation',
        'dadianzhuang-town',
        'zhaoling-town',
      ],
      copyTo: ['health'],
    },
    {
      housing: 12,
      'urban-management': 18,
      'market-regulation': 25,
      'dadianzhuang-town': 52,
      'zhaoling-town': 29,
    },
  );
  at(day(5, '10:20'), async () => {
    await api(day(5, '10:20'), staffOf('housing'), 'POST', `/dispatches/${safety()}/problem`, {
      description: '实施方案附件打开后排版错乱，无法正常阅读，请重新发送。',
      ...contact('housing'),
    });
  });
  at(day(5, '10:50'), async () => {
    const view = await api<{ receipts: { unitId: string; problems: { id: string }[] }[] }>(
      day(5, '10:50'),
      'office-clerk',
      'GET',
      `/dispatches/${safety()}`,
    );
    const problem = view.receipts.find((receipt) => receipt.unitId === 'housing')?.problems[0];
    if (problem)
      await api(
        day(5, '10:50'),
        'office-clerk',
        'POST',
        `/dispatches/${safety()}/problems/${problem.id}/resolve`,
        {
          resolution: '已电话联系住建局，重新传送正文，确认可以正常打开。',
        },
      );
  });

  // A feedback request: four answer in time with a contact, one late, one not at all.
  const workReport = dispatch(
    day(4, '14:30'),
    {
      kind: 'feedback',
      title: '关于报送2026年度重点工作完成情况的通知',
      body: '请各单位对照年初确定的重点工作任务，报送完成情况、存在问题和下一步打算，并明确联系人和联系电话。',
      recipients: [
        'health',
        'education',
        'civil-affairs',
        'housing',
        'dongfeng-street',
        'gexin-street',
      ],
      ackWithinMinutes: 60,
      respondBy: day(1, '17:00').toISOString(),
    },
    {
      health: 20,
      education: 15,
      'civil-affairs': 45,
      housing: 90,
      'dongfeng-street': 30,
      'gexin-street': 70,
    },
  );
  const answers: [string, Date][] = [
    ['health', day(3, '16:00')],
    ['civil-affairs', day(2, '11:00')],
    ['dongfeng-street', day(2, '15:30')],
    ['gexin-street', day(1, '10:00')],
    ['housing', day(0, '09:30')],
  ];
  for (const [unitId, when] of answers) {
    at(when, async () => {
      await api(when, staffOf(unitId), 'POST', `/dispatches/${workReport()}/response`, {
        summary: '重点工作已按计划推进，详细情况见报送材料；存在的问题和下一步打算已一并说明。',
        ...contact(unitId),
      });
    });
  }

  // A fire-safety notice to the townships and streets, on a Saturday-like evening.
  dispatch(
    day(3, '18:20'),
    {
      kind: 'notice',
      title: '关于立即开展冬季消防安全隐患排查的紧急通知',
      body: '近期周边地区接连发生火灾事故。请各街道、乡镇立即组织对辖区群租房、小餐饮场所开展消防安全隐患排查。',
      recipients: localUnits,
    },
    { 'dongfeng-street': 6, 'gexin-street': 4, 'dadianzhuang-town': 9, 'zhaoling-town': 48 },
  );

  // A draft the head of the district office signs off (审核登记), then delivered.
  const heating = dispatch(
    day(2, '09:30'),
    {
      kind: 'document',
      docNumber: '新政办〔2026〕47号',
      title: '关于做好2026—2027年度供热保障工作的通知',
      body: '为确保全区居民温暖过冬，现就做好本供暖季供热保障工作通知如下：一、压实供热企业主体责任；二、畅通群众诉求渠道；三、做好应急抢修准备。',
      recipients: ['housing', 'civil-affairs', 'dongfeng-street', 'xinhua-road-street'],
      draft: true,
    },
    {},
  );
  at(day(2, '10:15'), async () => {
    await api(day(2, '10:15'), 'district-office-head', 'POST', `/dispatches/${heating()}/sign-off`);
  });
  for (const [unitId, delay] of [
    ['housing', 60],
    ['civil-affairs', 70],
    ['dongfeng-street', 50],
    ['xinhua-road-street', 140],
  ] as const) {
    at(later(day(2, '10:15'), delay), async () => {
      await api(
        later(day(2, '10:15'), delay),
        staffOf(unitId),
        'POST',
        `/dispatches/${heating()}/ack`,
      );
    });
  }

  // Sent to the wrong units, recalled (撤回) a few minutes later.
  const wrong = dispatch(
    day(1, '08:40'),
    {
      kind: 'notice',
      title: '关于召开全区经济运行调度会的通知',
      body: '定于明日上午9时在区政府三楼会议室召开全区经济运行调度会，请各单位主要负责人参加。',
      recipients: ['education', 'health'],
    },
    { health: 4 },
  );
  at(day(1, '08:52'), async () => {
    await api(day(1, '08:52'), 'office-clerk', 'POST', `/dispatches/${wrong()}/recall`, {
      reason: '接收单位选择有误，另行发送。',
    });
  });

  // A feedback request still open: its deadline is later moved (延期).
  const survey = dispatch(
    day(1, '15:00'),
    {
      kind: 'feedback',
      title: '关于开展困难群众冬季走访慰问情况统计的通知',
      body: '请于规定时间内报送走访慰问户数、发放物资和资金情况，并注明联系人和联系电话。',
      recipients: ['civil-affairs', 'dadianzhuang-town', 'zhaoling-town', 'gexin-street'],
      ackWithinMinutes: 60,
      respondBy: new Date(now.getTime() + 2 * 24 * HOUR).toISOString(),
    },
    { 'civil-affairs': 10, 'dadianzhuang-town': 35, 'gexin-street': 20 },
  );
  at(day(1, '16:30'), async () => {
    await api(day(1, '16:30'), 'office-clerk', 'POST', `/dispatches/${survey()}/deadline`, {
      respondBy: new Date(now.getTime() + 3 * 24 * HOUR).toISOString(),
    });
  });

  // This morning: one notice partly signed, and one just sent.
  dispatch(
    ago(45),
    {
      kind: 'notice',
      title: '关于做好雨雪冰冻天气道路保通工作的通知',
      body: '请各单位做好主次干道、人行道积雪清扫和桥梁坡道防滑工作，确保道路安全畅通。',
      recipients: ['urban-management', 'housing', 'dongfeng-street', 'xinhua-road-street'],
    },
    { 'urban-management': 5, housing: 8 },
  );
  dispatch(
    ago(4),
    {
      kind: 'notice',
      title: '关于报送本周值班安排的通知',
      body: '请各单位于今日下班前报送本周末值班人员名单及联系方式。',
      // Every unit, the district office itself among them.
      recipients: 'all',
    },
    { health: 2 },
  );

  // ── Upward reports: information, a 请示 with its 批复, a feedback report, one awaiting its head ──
  const upward = (
    when: Date,
    unitId: string,
    body: () => Record<string, unknown>,
    then: { approve?: number; receive?: number; reply?: [number, string] },
  ) => {
    let id = '';
    at(when, async () => {
      id = (
        await api(when, staffOf(unitId), 'POST', '/upward', {
          contactName: people.get(staffOf(unitId))?.name,
          contactPhone: '0311-86012345',
          ...body(),
        })
      ).id;
      summary.upward += 1;
    });
    const { approve, receive, reply } = then;
    if (approve !== undefined)
      at(later(when, approve), async () => {
        await api(later(when, approve), `${unitId}-head`, 'POST', `/upward/${id}/approve`);
      });
    if (receive !== undefined)
      at(later(when, receive), async () => {
        await api(later(when, receive), 'office-clerk', 'POST', `/upward/${id}/receive`);
      });
    if (reply)
      at(later(when, reply[0]), async () => {
        await api(later(when, reply[0]), 'office-clerk', 'POST', `/upward/${id}/reply`, {
          body: reply[1],
        });
      });
  };
  upward(
    day(5, '11:00'),
    'health',
    () => ({
      kind: 'info',
      title: '区卫生局关于流感防控工作情况的报告',
      body: '入冬以来，我局加强流感监测预警，全区各医疗机构发热门诊运行平稳，疫苗接种工作有序推进。',
    }),
    { approve: 30, receive: 180 },
  );
  upward(
    day(3, '10:00'),
    'dadianzhuang-town',
    () => ({
      kind: 'request',
      title: '大店庄乡关于申请拨付农村道路维修资金的请示',
      body: '我乡境内部分农村道路因冬季冻融破损严重，影响群众出行安全，特申请拨付道路维修资金，妥否，请批示。',
    }),
    {
      approve: 60,
      receive: 240,
      reply: [
        1500,
        '经研究，同意拨付农村道路维修资金，请严格按照资金管理规定使用，工程完工后报送验收情况。',
      ],
    },
  );
  upward(
    day(2, '16:00'),
    'education',
    // Answers the feedback request: the head's seal marks the receipt answered.
    () => ({
      kind: 'feedback',
      title: '区教育局关于2026年度重点工作完成情况的报告',
      body: '今年我局重点工作均已完成，中小学校舍安全改造、课后服务全覆盖等民生实事按期交付。',
      dispatchId: workReport(),
    }),
    { approve: 40, receive: 300 },
  );
  // Waiting for the street office's head to approve it.
  upward(
    earlier(day(0, '08:10'), ago(30)),
    'dongfeng-street',
    () => ({
      kind: 'info',
      title: '东风街道关于冬季供暖投诉处置情况的报告',
      body: '本周共受理供暖投诉23件，已全部联系供热企业上门处置，群众满意率持续提升。',
    }),
    {},
  );

  // ── Citizens' reports at every stage, with photos ────────────────────────────────────────────
  const citizen = async (when: Date, report: Record<string, unknown>, photoCount: number) => {
    const photos = await demoPhotos(photoCount, summary.reports);
    const created = await api<{
      id: string;
      trackingToken: string;
      uploads: { url: string; fields: Record<string, string> }[];
    }>(when, undefined, 'POST', '/public/reports', {
      ...report,
      photos: photos.map((photo) => ({ contentType: 'image/jpeg', size: photo.length })),
    });
    for (const [i, upload] of created.uploads.entries()) {
      const form = new FormData();
      for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
      form.append('file', new Blob([photos[i] ?? new Uint8Array()], { type: 'image/jpeg' }));
      const uploaded = await fetch(upload.url, { method: 'POST', body: form });
      if (!uploaded.ok)
        throw new Error(`demo week: a photo upload answered ${String(uploaded.status)}`);
      summary.photos += 1;
    }
    summary.reports += 1;
    return { id: created.id, trackingToken: created.trackingToken, photos: photos.length };
  };
  const reports: Record<string, { id: string; trackingToken: string; photos: number }> = {};
  const place = (n: number) => ({ lat: 38.0487 + n * 0.0031, lng: 114.4628 + n * 0.0027 });
  /** A report made at `when`; then its department's steps, each `[minutes after, as, method, path suffix, body]`. */
  const report = (
    name: string,
    when: Date,
    body: Record<string, unknown>,
    photoCount: number,
    handling: [number, string | undefined, string, string, unknown?][] = [],
  ) => {
    at(when, async () => {
      reports[name] = await citizen(
        when,
        { ...place(Object.keys(reports).length), ...body },
        photoCount,
      );
    });
    for (const [minutes, as, method, suffix, stepBody] of handling) {
      at(later(when, minutes), async () => {
        const found = reports[name];
        if (!found) return;
        const headers: Record<string, string> = as
          ? {}
          : { 'x-tracking-token': found.trackingToken };
        const path = suffix.startsWith('/public')
          ? `/public/reports/${found.id}${suffix.slice('/public'.length)}`
          : `/reports/${found.id}${suffix}`;
        await api(later(when, minutes), as, method, path, stepBody, headers);
      });
    }
  };
  report(
    'streetlight',
    day(6, '19:40'),
    {
      serviceCode: 'city-appearance',
      description: '中华北大街与和平路交叉口西侧三盏路灯连续几晚不亮，夜间行人很不安全。',
      address: '中华北大街与和平路交叉口',
    },
    1,
    [
      [
        14 * 60,
        'urban-management-staff',
        'POST',
        '/updates',
        { status: 'accepted', reply: '已受理，已派路灯维护班组现场查看。' },
      ],
      [
        26 * 60,
        'urban-management-staff',
        'POST',
        '/updates',
        {
          status: 'resolved',
          reply: '经检查为线路老化，已更换线路，路灯恢复正常照明。感谢您的监督。',
          public: true,
        },
      ],
      [
        40 * 60,
        undefined,
        'POST',
        '/public/feedback',
        { fixed: true, satisfaction: 'satisfied', comment: '修得很快，谢谢！' },
      ],
    ],
  );
  report(
    'noise',
    day(5, '22:50'),
    {
      serviceCode: 'environment',
      description: '友谊大街某工地每天夜里十一点后还在施工，噪音很大，影响休息。',
      address: '友谊大街北段',
    },
    0,
    [
      [
        10 * 60,
        'environment-staff',
        'POST',
        '/updates',
        { status: 'in_progress', reply: '已联系施工单位核实夜间施工许可情况。' },
      ],
      [
        20 * 60,
        'environment-staff',
        'POST',
        '/updates',
        { status: 'resolved', reply: '已责令施工单位停止夜间违规施工，并处以罚款。', public: true },
      ],
      [
        46 * 60,
        undefined,
        'POST',
        '/public/feedback',
        { fixed: false, satisfaction: 'unsatisfied', comment: '前两天又开始夜里施工了。' },
      ],
    ],
  );
  report(
    'food',
    day(4, '12:10'),
    {
      serviceCode: 'food-safety',
      description: '新华路一家小吃店后厨卫生条件很差，餐具随意堆放在地上。',
      address: '新华路中段',
    },
    0,
    [
      [
        3 * 60,
        'market-regulation-staff',
        'POST',
        '/updates',
        { status: 'accepted', reply: '已受理，将安排执法人员检查。' },
      ],
      [
        24 * 60,
        'market-regulation-staff',
        'POST',
        '/updates',
        { reply: '执法人员已现场检查，责令限期整改，待复查。' },
      ],
      [
        25 * 60,
        'market-regulation-staff',
        'POST',
        '/extension',
        {
          until: new Date(day(4, '12:10').getTime() + 6 * 24 * HOUR).toISOString(),
          reason: '需待整改期满后复查，申请延期三天。',
        },
      ],
      [27 * 60, 'office-clerk', 'POST', '/extension/approve'],
    ],
  );
  report(
    'housing-returned',
    day(3, '09:20'),
    {
      serviceCode: 'housing-security',
      description: '小区物业费上涨没有公示，业主意见很大，希望有关部门过问。',
    },
    0,
    [
      [
        5 * 60,
        'housing-staff',
        'POST',
        '/return',
        { reason: '物业收费问题不属于住房保障，请转发展改革或街道办理。' },
      ],
    ],
  );
  report(
    'heating',
    day(2, '07:30'),
    {
      serviceCode: 'central-heating',
      description: '家里暖气片上半截热下半截凉，室温只有16度，老人孩子受不了。',
      address: '东风街道建华小区5号楼',
    },
    2,
    [
      [
        2 * 60,
        'housing-staff',
        'POST',
        '/updates',
        { status: 'in_progress', reply: '已通知供热公司维修人员今日上门排气检修。', public: true },
      ],
    ],
  );
  report(
    'school',
    day(1, '11:05'),
    {
      serviceCode: 'education',
      description: '学校门口早晚接送时段车辆乱停，堵得很厉害，孩子过马路很危险。',
      address: '新华路小学南门',
    },
    0,
  );
  report(
    'epidemic',
    day(6, '10:30'),
    {
      serviceCode: 'health-epidemic',
      description: '小区垃圾站附近老鼠很多，担心传播疾病，希望组织灭鼠。',
    },
    0,
  );
  report(
    'subsidy',
    day(2, '14:00'),
    {
      serviceCode: 'low-income-subsidy',
      description: '我家申请低保已经两个多月了，一直没有结果，想了解办理进度。',
    },
    0,
    [
      [
        60,
        'civil-affairs-staff',
        'POST',
        '/updates',
        { status: 'accepted', reply: '已受理，正在入户核查家庭经济状况。' },
      ],
      [
        120,
        'civil-affairs-staff',
        'POST',
        '/extension',
        {
          until: new Date(day(2, '14:00').getTime() + 10 * 24 * HOUR).toISOString(),
          reason: '家庭经济状况核对需跨部门比对数据，申请延期。',
        },
      ],
    ],
  );
  report(
    'pothole',
    ago(25),
    {
      serviceCode: 'city-appearance',
      description: '和平路人行道上有个大坑，下雪后看不见，已经有人崴了脚。',
      address: '和平路与民族路交叉口东南角',
    },
    2,
  );

  // ── The app's columns: articles, and questions answered in public ───────────────────────────
  const article = (
    when: Date,
    as: string,
    body: Record<string, unknown>,
    publishAfter?: number,
  ) => {
    let id = '';
    at(when, async () => {
      id = (await api(when, as, 'POST', '/articles', body)).id;
      summary.articles += 1;
    });
    if (publishAfter !== undefined)
      at(later(when, publishAfter), async () => {
        await api(later(when, publishAfter), 'office-clerk', 'POST', `/articles/${id}/publish`);
      });
  };
  article(
    day(6, '10:00'),
    'office-clerk',
    {
      column: 'district',
      title: '新华区概况',
      body: '新华区位于石家庄市区西北部，辖东风、革新、新华路等街道和大店庄乡、赵陵铺镇。\n\n## 便民服务\n\n- 区政务服务中心：工作日 8:30—17:30\n- 12345 政务服务便民热线：24 小时',
    },
    30,
  );
  article(
    day(4, '09:00'),
    'office-clerk',
    {
      column: 'news',
      title: '冬季供暖服务热线开通',
      body: '本供暖季供热服务热线已开通，居民遇到暖气不热等问题，可拨打供热企业服务电话或通过“市容随手拍”反映。\n\n**受理时间**：每天 7:00—22:00。',
    },
    20,
  );
  article(
    day(3, '15:00'),
    'office-clerk',
    {
      column: 'guide',
      title: '如何办理居住证',
      body: '## 申请条件\n\n在本区居住半年以上，并有合法稳定就业、稳定住所或连续就读。\n\n## 所需材料\n\n1. 居民身份证\n2. 近期一寸照片\n3. 居住证明',
    },
    10,
  );
  article(
    day(2, '11:00'),
    'dongfeng-street-staff',
    {
      column: 'local',
      title: '东风街道开展冬季义诊进社区活动',
      body: '本周六上午，东风街道联合社区卫生服务中心在建华小区广场开展义诊，为居民免费测量血压、血糖。',
    },
    120,
  );
  article(earlier(day(0, '08:00'), ago(60)), 'office-clerk', {
    column: 'news',
    title: '全区开展冬季安全生产大检查',
    body: '按照区政府部署，全区即日起开展为期一个月的冬季安全生产大检查。',
  });

  const question = (when: Date, text: string, handling: [number, string, string, unknown][]) => {
    let id = '';
    at(when, async () => {
      id = (await api(when, undefined, 'POST', '/public/questions', { question: text })).id;
      summary.questions += 1;
    });
    for (const [minutes, as, action, body] of handling)
      at(later(when, minutes), async () => {
        await api(later(when, minutes), as, 'POST', `/questions/${id}/${action}`, body);
      });
  };
  question(day(3, '20:15'), '孩子从外区转学到新华区的小学，需要准备哪些材料？', [
    [13 * 60, 'office-clerk', 'assign', { unitId: 'education' }],
    [
      18 * 60,
      'education-staff',
      'answer',
      {
        answer: '需准备户口簿、房产证明或居住证、原学校学籍信息，到区教育局基础教育科办理。',
        public: true,
      },
    ],
  ]);
  question(day(1, '09:40'), '老年人优待证在哪里办理？需要本人到场吗？', [
    [90, 'office-clerk', 'assign', { unitId: 'health' }],
  ]);
  question(ago(50), '区政务服务中心周六上班吗？', []);

  // ── The week's bulletin (通报) ────────────────────────────────────────────────────────────────
  at(day(1, '17:30'), async () => {
    const dayOf = (when: Date) => new Date(when.getTime() + SHANGHAI).toISOString().slice(0, 10);
    await api(day(1, '17:30'), 'office-clerk', 'POST', '/bulletins', {
      title: '本周收文签收情况通报',
      from: dayOf(day(7, '00:00')),
      to: dayOf(day(1, '00:00')),
      remarks:
        '本周大部分单位能够按时签收。赵陵铺镇寒潮通知逾期未签收，请加强值班管理，确保通知及时签收。',
    });
    summary.bulletins += 1;
  });

  // ── The schedules: the reminder check every hour and in the minutes after each deadline to
  // sign (it reminds every 10 minutes, then tells the district office); the hourly audit digest ──
  const hourly = new Set<number>();
  for (let t = start.getTime() + 5 * MINUTE; t < now.getTime(); t += HOUR) hourly.add(t);
  const checks = new Set(hourly);
  for (const deadline of ackDeadlines)
    for (const m of [1, 11, 21, 31]) checks.add(deadline.getTime() + m * MINUTE);
  for (const t of checks) {
    at(new Date(t), async () => {
      const result = await runReminderCheck({ store: demo.store, sms, now: new Date(t) });
      summary.reminderChecks += 1;
      summary.remindersSent += result.published;
      if (hourly.has(t))
        await runAuditDigest({
          store: demo.store,
          key: demo.digestKey,
          digests: demo.digests,
          now: new Date(t),
        });
    });
  }

  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) await step.run();
  // The upload check attaches each photo a moment after it arrives: the week is loaded when all are.
  for (const { id, trackingToken, photos } of Object.values(reports)) {
    for (let tries = 0; tries < 300; tries++) {
      const view = await api<{ photos: unknown[] }>(
        now,
        undefined,
        'GET',
        `/public/reports/${id}`,
        undefined,
        {
          'x-tracking-token': trackingToken,
        },
      );
      if (view.photos.length >= photos) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return summary;
}

/**
 * Phone photos of a street: drawn (sky, buildings, a road and something
 * wrong on it), encoded by sharp as a phone's JPEG would be.
 */
async function demoPhotos(count: number, seed: number): Promise<Uint8Array[]> {
  if (count === 0) return [];
  const { default: sharp } = await import('sharp');
  const photos: Uint8Array[] = [];
  for (let n = 0; n < count; n++) {
    const hue = (seed * 47 + n * 89) % 360;
    const buildings = Array.from({ length: 7 }, (_, i) => {
      const x = i * 180 + ((seed + n) % 5) * 12;
      const height = 260 + ((i * 73 + seed * 31) % 220);
      return `<rect x="${String(x)}" y="${String(620 - height)}" width="150" height="${String(height)}" fill="hsl(${String((hue + i * 20) % 360)},18%,${String(40 + (i % 3) * 8)}%)"/>`;
    }).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="960">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9ec5e8"/><stop offset="1" stop-color="#dfe9f2"/></linearGradient></defs>
<rect width="1280" height="960" fill="url(#sky)"/>${buildings}
<polygon points="0,960 1280,960 820,620 460,620" fill="#5d5f63"/>
<polygon points="630,960 650,960 645,620 640,620" fill="#f2f2f2"/>
<ellipse cx="${String(560 + n * 90)}" cy="820" rx="120" ry="38" fill="#2b2b2b"/>
</svg>`;
    photos.push(await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer());
  }
  return photos;
}
